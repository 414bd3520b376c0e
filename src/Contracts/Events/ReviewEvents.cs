namespace TitleReview.Contracts.Events;

// Owned by Review.

public sealed record ReviewStarted(
    Guid ApplicationId,
    string ReviewerId,
    DateTimeOffset StartedAt) : IApplicationEvent;

public sealed record ModuleComment(string Module, string Comment);

public sealed record RevisionRequested(
    Guid ApplicationId,
    IReadOnlyList<ModuleComment> Comments,
    DateTimeOffset RequestedAt) : IApplicationEvent;

public sealed record FinalApproved(
    Guid ApplicationId,
    string ReviewerId,
    DateTimeOffset ApprovedAt) : IApplicationEvent;

public sealed record ApplicationRejected(
    Guid ApplicationId,
    string Reason,
    DateTimeOffset RejectedAt) : IApplicationEvent;

/// <summary>
/// The reviewer holding the claim checked one item of the application's checklist (人工核查清单), with an optional
/// note. <see cref="ItemCode"/> is the item's key on the application's latest checklist: its code, followed by ".2",
/// ".3"… for the second and later items of a code that repeats (one per education entry, output, performance item).
/// It changes nothing in the lifecycle; it records who looked at what, and when.
/// </summary>
public sealed record ChecklistItemChecked(
    Guid ApplicationId,
    string ItemCode,
    string Note,
    string CheckedBy,
    DateTimeOffset CheckedAt) : IApplicationEvent;

/// <summary>One committee vote on one application, with the attendance that makes it valid or not.</summary>
public sealed record CommitteeDecided(
    Guid ApplicationId,
    Guid MeetingId,
    DateOnly MeetingDate,
    int MembersTotal,
    int MembersPresent,
    int VotesFor,
    int VotesAgainst,
    int Abstentions,
    bool Passed,
    DateTimeOffset DecidedAt) : IApplicationEvent;
