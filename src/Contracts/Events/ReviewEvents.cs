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
