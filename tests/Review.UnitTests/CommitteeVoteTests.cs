using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Review.Features.CommitteeDecision;
using TitleReview.Testing;

namespace TitleReview.Review.UnitTests;

/// <summary>The committee's vote (notice 二(一), 五; the cycle's 2/3 quorum of members and 2/3 of those present to pass).</summary>
public sealed class CommitteeVoteTests
{
    private static readonly DateTimeOffset Now = ApplicationHistory.Start.AddDays(40);

    private static Decision<TitleReview.Contracts.Events.CommitteeDecided> Decide(ApplicationHistory history, int total, int present, int yes, int no, int abstain) =>
        CommitteeVote.Decide(history.State, history.Id, new Vote(Guid.NewGuid(), new DateOnly(2023, 7, 1), total, present, yes, no, abstain),
            ReviewCycleCatalogue.Shipped, Now);

    [Theory]
    [InlineData(9, 9, 6, 3, 0, true)]   // exactly 2/3 of those present
    [InlineData(9, 9, 5, 4, 0, false)]  // one below
    [InlineData(9, 6, 4, 2, 0, true)]   // quorum exactly 2/3 of members, 2/3 of present
    [InlineData(9, 6, 0, 6, 0, false)]  // zero yes votes never pass
    [InlineData(9, 6, 0, 0, 6, false)]  // all abstain
    public void A_vote_with_quorum_passes_only_with_two_thirds_of_those_present(int total, int present, int yes, int no, int abstain, bool passes)
    {
        var decided = Decide(ApplicationHistory.ReadyForCommittee(), total, present, yes, no, abstain);
        Assert.False(decided.IsRefused);
        Assert.Equal(passes, decided.Outcome!.Passed);
        Assert.Equal((total, present, yes), (decided.Outcome.MembersTotal, decided.Outcome.MembersPresent, decided.Outcome.VotesFor));
    }

    [Theory]
    [InlineData(0, 0)]                                 // a meeting of nobody
    [InlineData(9, 5)]
    [InlineData(3, 1)]
    [InlineData(100, 66)]
    public void A_meeting_below_the_quorum_cannot_decide(int total, int present)
    {
        var refusal = Assert.IsType<Refusal>(Decide(ApplicationHistory.ReadyForCommittee(), total, present, present, 0, 0).Refusal);
        Assert.Equal((RefusalKind.BreaksRule, "committee-quorum"), (refusal.Kind, refusal.Code));
    }

    [Theory]
    [InlineData(9, 10, 10, 0, 0)]                      // more present than members
    [InlineData(9, 9, -1, 10, 0)]                      // a negative count
    [InlineData(9, 9, 9, 9, 0)]                        // votes exceeding those present
    [InlineData(9, 9, 3, 3, 0)]                        // votes short of those present
    [InlineData(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, 2)] // sums that wrap in int
    public void Impossible_counts_are_refused_field_by_field_before_anything_else(int total, int present, int yes, int no, int abstain)
    {
        var refusal = Assert.IsType<Refusal>(Decide(ApplicationHistory.ReadyForCommittee(), total, present, yes, no, abstain).Refusal);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Contains("votes", refusal.Fields!.Keys);
    }

    [Fact]
    public void The_committee_decides_only_after_publicity_and_payment()
    {
        var approved = ApplicationHistory.Submitted().ClaimedBy("li").FinalApproved("li").FeeAssessed().Published();
        var refusal = Assert.IsType<Refusal>(Decide(approved, 9, 9, 9, 0, 0).Refusal);
        Assert.Equal((RefusalKind.Conflict, "committee-not-ready"), (refusal.Kind, refusal.Code));
    }

    [Fact]
    public void The_committee_decides_once()
    {
        var decided = ApplicationHistory.ReadyForCommittee().CommitteeDecided(passed: false, votesFor: 0);
        Assert.Equal("committee-not-ready", Decide(decided, 9, 9, 9, 0, 0).Refusal!.Code);
    }

    [Fact]
    public void An_application_with_no_stream_is_not_found()
    {
        var refusal = CommitteeVote.Decide(null, Guid.NewGuid(), new Vote(Guid.NewGuid(), new DateOnly(2023, 7, 1), 9, 9, 9, 0, 0),
            ReviewCycleCatalogue.Shipped, Now).Refusal;
        Assert.Equal(RefusalKind.NotFound, refusal!.Kind);
    }
}
