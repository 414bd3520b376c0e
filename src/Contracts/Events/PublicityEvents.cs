namespace TitleReview.Contracts.Events;

// Owned by Publicity. Published keeps the calendar version it counted with, so a replay years later
// reaches the same end date even after the calendar data has been corrected or extended.

public sealed record Published(
    Guid ApplicationId,
    Guid NoticeId,
    DateOnly Start,
    DateOnly End,
    int WorkingDays,
    string CalendarVersion,
    DateTimeOffset PublishedAt) : IApplicationEvent;

public sealed record ObjectionLodged(
    Guid ApplicationId,
    Guid ObjectionId,
    string Summary,
    DateTimeOffset LodgedAt) : IApplicationEvent;

public sealed record ObjectionResolved(
    Guid ApplicationId,
    Guid ObjectionId,
    bool Upheld,
    string Reason,
    DateTimeOffset ResolvedAt) : IApplicationEvent;

public sealed record PublicityCompleted(
    Guid ApplicationId,
    Guid NoticeId,
    DateOnly ProofDate,
    DateTimeOffset CompletedAt) : IApplicationEvent;
