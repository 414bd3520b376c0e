using TitleReview.Contracts;

namespace TitleReview.Review.Features.ReviewQueue;

/// <summary>One application waiting for (or in) review, as the reviewers' queue lists it.</summary>
public sealed class ReviewQueueItem
{
    public Guid Id { get; set; }
    public string ApplicantName { get; set; } = "";
    public string Employer { get; set; } = "";
    public string Specialty { get; set; } = "";
    public TitleLevel Level { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
}
