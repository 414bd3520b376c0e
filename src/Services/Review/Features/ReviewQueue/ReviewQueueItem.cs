using TitleReview.Contracts;
using TitleReview.Contracts.Ledger;

namespace TitleReview.Review.Features.ReviewQueue;

/// <summary>One application in the reviewers' queue: who has it, where it stands, and what changed at the last resubmission.</summary>
public sealed class ReviewQueueItem
{
    public Guid Id { get; set; }
    public string ApplicantName { get; set; } = "";
    public string Employer { get; set; } = "";
    public string Series { get; set; } = "";
    public string Specialty { get; set; } = "";
    public TitleLevel Level { get; set; }

    /// <summary>Kept in UTC (the same instant): it is a timestamptz column too (QueueIndexes), which Npgsql writes only from an offset of zero.</summary>
    public DateTimeOffset QueuedAt { get; set => field = value.ToUniversalTime(); }

    public ApplicationStatus Status { get; set; } = ApplicationStatus.Submitted;

    /// <summary>The reviewer who claimed the file; it comes back to them after a resubmission.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>Modules the applicant changed in the last resubmission, marked in the queue and on the detail page.</summary>
    public List<string> ChangedModules { get; set; } = [];

    public long LedgerVersion { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
