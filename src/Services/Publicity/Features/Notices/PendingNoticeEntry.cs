using TitleReview.Contracts;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>A finally approved application waiting for the next publicity notice.</summary>
public sealed class PendingNoticeEntry
{
    public Guid Id { get; set; }
    public string CycleId { get; set; } = "";
    public string ApplicantName { get; set; } = "";
    public string Employer { get; set; } = "";
    public string Specialty { get; set; } = "";
    public TitleLevel Level { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }

    /// <summary>The entry for an approved application as its stream tells it (on approval, or again after a lapse undone).</summary>
    public static PendingNoticeEntry For(ApplicationLifecycle application, DateTimeOffset approvedAt) => new()
    {
        Id = application.Id,
        CycleId = application.CycleId,
        ApplicantName = application.ApplicantName,
        Employer = application.Employer,
        Specialty = application.Specialty,
        Level = application.Level,
        ApprovedAt = approvedAt,
    };
}
