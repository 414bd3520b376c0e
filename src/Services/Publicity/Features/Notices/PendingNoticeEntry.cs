using TitleReview.Contracts;

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
}
