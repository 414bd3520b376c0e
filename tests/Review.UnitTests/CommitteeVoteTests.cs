using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Review.Features.CommitteeDecision;

namespace TitleReview.Review.UnitTests;

public sealed class CommitteeVoteTests
{
    private static readonly Guid Application = Guid.Parse("0193a000-0000-7000-8000-000000000002");
    private static readonly Guid Meeting = Guid.Parse("0193a000-0000-7000-8000-000000000003");
    private static readonly DateOnly MeetingDate = new(2023, 6, 8);
    private static readonly DateTimeOffset Now = new(2023, 6, 8, 16, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Quorum and pass are both 2/3 in this cycle.</summary>
    private static readonly ReviewCycle Cycle = ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023);

    private static readonly CommitteeCandidate Ready = new(Application, ApplicationStatus.AwaitingCommittee,
        ReadyForCommittee: true);

    private static Decision<CommitteeDecided> Decide(int total, int present, int yes, int no, int abstain,
        CommitteeCandidate? candidate = null) =>
        CommitteeVote.Decide(candidate ?? Ready, new Vote(Meeting, MeetingDate, total, present, yes, no, abstain),
            Cycle, Now);

    private static CommitteeDecided Accepted(Decision<CommitteeDecided> decision)
    {
        Assert.True(decision.Accepted(out var decided, out var refusal), refusal?.Reason.ToString());
        return decided;
    }

    private static Refusal Refused(Decision<CommitteeDecided> decision)
    {
        Assert.False(decision.Accepted(out _, out var refusal));
        return refusal;
    }

    [Fact]
    public void Exactly_two_thirds_of_those_present_voting_yes_passes_and_the_event_carries_the_whole_vote()
    {
        var decided = Accepted(Decide(9, 6, 4, 2, 0));

        Assert.Equal(new CommitteeDecided(Application, Meeting, MeetingDate, 9, 6, 4, 2, 0, Passed: true, Now),
            decided);
    }

    [Fact]
    public void One_yes_vote_short_of_two_thirds_is_decided_and_fails()
    {
        Assert.False(Accepted(Decide(9, 6, 3, 2, 1)).Passed);
    }

    [Theory]
    [InlineData(9, 6, 0, 6, 0)]
    [InlineData(9, 6, 0, 0, 6)]
    [InlineData(1, 1, 0, 1, 0)]
    [InlineData(int.MaxValue, int.MaxValue, 0, int.MaxValue, 0)]
    [InlineData(1 << 30, 1 << 30, 0, 1 << 30, 0)]
    public void Zero_yes_votes_never_pass_however_large_the_meeting(int total, int present, int yes, int no,
        int abstain)
    {
        Assert.False(Accepted(Decide(total, present, yes, no, abstain)).Passed);
    }

    [Fact]
    public void Exactly_two_thirds_of_the_members_present_is_a_quorum()
    {
        Assert.True(Accepted(Decide(9, 6, 6, 0, 0)).Passed);
    }

    [Theory]
    [InlineData(9, 5)]
    [InlineData(3, 1)]
    [InlineData(9, 0)]
    public void One_member_below_two_thirds_present_cannot_decide_and_the_refusal_names_the_quorum_rule(int total,
        int present)
    {
        var refusal = Refused(Decide(total, present, present, 0, 0));

        Assert.Equal(RefusalKind.BreaksRule, refusal.Kind);
        Assert.Equal(CommitteeVote.QuorumRule, refusal.Code);
        Assert.Contains($"{present}/{total}", refusal.Reason.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committee_of_zero_members_has_no_quorum()
    {
        Assert.Equal(CommitteeVote.QuorumRule, Refused(Decide(0, 0, 0, 0, 0)).Code);
    }

    [Theory]
    [InlineData(9, -1, 0, 0, 0)]
    [InlineData(9, 10, 10, 0, 0)]
    [InlineData(9, 7, -1, 8, 0)]
    [InlineData(9, 7, 8, 0, 0)]
    [InlineData(9, 7, 5, 0, 0)]
    [InlineData(9, 7, int.MaxValue, int.MaxValue, 9)]
    [InlineData(-9, -9, 0, 0, 0)]
    public void Negative_counts_votes_exceeding_those_present_or_sums_that_wrap_are_refused_naming_the_votes(int total,
        int present, int yes, int no, int abstain)
    {
        var refusal = Refused(Decide(total, present, yes, no, abstain));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["votes"], refusal.Fields!.Keys);
    }

    [Theory]
    [InlineData(ApplicationStatus.InPublicity)]
    [InlineData(ApplicationStatus.CommitteePassed)]
    [InlineData(ApplicationStatus.Rejected)]
    public void An_application_not_ready_for_the_committee_is_a_conflict_naming_its_status(ApplicationStatus status)
    {
        var refusal = Refused(Decide(9, 6, 4, 2, 0, new CommitteeCandidate(Application, status,
            ReadyForCommittee: false)));

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Contains(status.Chinese(), refusal.Reason.Chinese, StringComparison.Ordinal);
    }

    public static TheoryData<string, RecordDecisionRequest?> ImpossibleRequests() => new()
    {
        { "body", null },
        { "applicationId", Request() with { ApplicationId = Guid.Empty } },
        { "meetingDate", Request() with { MeetingDate = null } },
        { "meetingDate", Request() with { MeetingDate = new DateOnly(2023, 6, 9) } },
        { "membersTotal", Request() with { MembersTotal = 0 } },
        { "membersTotal", Request() with { MembersTotal = -9 } },
        { "membersTotal", Request() with { MembersTotal = int.MaxValue, MembersPresent = int.MaxValue, VotesFor = 0, VotesAgainst = int.MaxValue } },
        { "membersTotal", Request() with { MembersTotal = 101 } },
        { "membersPresent", Request() with { MembersPresent = -7 } },
        { "membersPresent", Request() with { MembersPresent = 10 } },
        { "votesFor", Request() with { VotesFor = int.MaxValue, VotesAgainst = int.MaxValue, Abstentions = 9 } },
        { "abstentions", Request() with { Abstentions = -1 } },
        { "votes", Request() with { VotesFor = 5, VotesAgainst = 0, Abstentions = 0 } },
    };

    private static RecordDecisionRequest Request() => new(Application, Meeting, MeetingDate, 9, 7, 5, 2, 0);

    [Theory]
    [MemberData(nameof(ImpossibleRequests))]
    public void A_decision_request_with_an_impossible_count_or_date_is_refused_naming_the_field(string field,
        RecordDecisionRequest? request)
    {
        var refusal = RecordDecisionRequest.Check(request, today: MeetingDate);

        Assert.NotNull(refusal);
        Assert.Contains(field, refusal.Fields!.Keys);
    }

    [Fact]
    public void A_decision_request_for_a_meeting_held_today_with_counts_that_add_up_is_accepted()
    {
        Assert.Null(RecordDecisionRequest.Check(Request(), today: MeetingDate));
        Assert.Null(RecordDecisionRequest.Check(Request() with { MembersTotal = 100, MembersPresent = 100,
            VotesFor = 100, VotesAgainst = 0 }, MeetingDate));
    }
}
