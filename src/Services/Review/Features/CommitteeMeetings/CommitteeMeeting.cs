using TitleReview.Contracts;
using TitleReview.Domain.Cycles;

namespace TitleReview.Review.Features.CommitteeMeetings;

/// <summary>One decision of a meeting, as the minutes list it.</summary>
public sealed record MeetingDecision(Guid ApplicationId, string ApplicantName, string Specialty, TitleLevel Level, int VotesFor, int VotesAgainst, int Abstentions,
    bool Passed, DateTimeOffset DecidedAt);

/// <summary>
/// 评委会集中评审: a meeting of the committee on a date, its members and who attended. Whether it may decide at all is
/// the cycle's quorum over that attendance; each vote becomes a CommitteeDecided on the application's stream and a line
/// of the minutes here.
/// </summary>
public sealed class CommitteeMeeting
{
    public Guid Id { get; set; }
    public string CycleId { get; set; } = "";
    public DateOnly MeetingDate { get; set; }
    public List<string> Members { get; set; } = [];
    public List<string> Present { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<MeetingDecision> Decisions { get; set; } = [];

    /// <summary>The meeting's own cycle (<see cref="CycleId"/>) is passed in: the quorum is that cycle's, read from no static.</summary>
    public bool HasQuorum(ReviewCycle cycle) => cycle.HasQuorum(Members.Count, Present.Count);
}
