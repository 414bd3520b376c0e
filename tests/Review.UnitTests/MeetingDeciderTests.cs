using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Review.Features.CommitteeDecision;
using TitleReview.Review.Features.CommitteeMeetings;
using CommitteeCandidate = TitleReview.Review.Features.CommitteeDecision.CommitteeCandidate;

namespace TitleReview.Review.UnitTests;

public sealed class MeetingDeciderTests
{
    private static readonly string[] Nine = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊", "委员己", "委员庚", "委员辛", "委员壬"];
    private static readonly Guid Id = Guid.Parse("0193a000-0000-7000-8000-000000000004");
    private static readonly Guid Application = Guid.Parse("0193a000-0000-7000-8000-000000000005");
    private static readonly DateOnly Today = new(2023, 6, 8);
    private static readonly DateTimeOffset Now = new(2023, 6, 8, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly ReviewCycle Cycle = ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023);

    private static CreateMeeting Command(IReadOnlyList<string>? members = null, IReadOnlyList<string>? present = null,
        DateOnly? date = null) =>
        CreateMeeting.From(new CreateMeetingRequest(date ?? Today, null, members ?? Nine,
            present ?? Nine.Take(6).ToList()), "secretary-zhao");

    private static Refusal Refused<T>(Decision<T> decision)
    {
        Assert.False(decision.Accepted(out _, out var refusal));
        return refusal;
    }

    private static CommitteeMeeting Meeting(int members, int present) => new()
    {
        Id = Id, CycleId = Cycle.Id, MeetingDate = Today, Members = [.. Nine.Take(members)], Present = [.. Nine.Take(present)],
    };

    [Fact]
    public void A_meeting_held_today_is_registered_with_its_members_attendance_and_secretary()
    {
        Assert.True(MeetingDecider.Decide(Command(), Cycle, Today, Id, Now).Accepted(out var meeting, out _));

        Assert.Equal((Id, ReviewCycleCatalogue.Xishan2023, Today, "secretary-zhao", Now), (meeting.Id, meeting.CycleId,
            meeting.MeetingDate, meeting.CreatedBy, meeting.CreatedAt));
        Assert.Equal(Nine, meeting.Members);
        Assert.Equal(Nine.Take(6), meeting.Present);
        Assert.Empty(meeting.Decisions);
    }

    [Fact]
    public void Names_are_trimmed_and_a_missing_cycle_means_the_shipped_one()
    {
        var command = CreateMeeting.From(new CreateMeetingRequest(Today, "  ", [" 委员甲 ", null!], ["委员甲 "]),
            "secretary-zhao");

        Assert.Equal(ReviewCycleCatalogue.Xishan2023, command.CycleId);
        Assert.Equal(["委员甲", ""], command.Members);
        Assert.Equal(["委员甲"], command.Present);
    }

    public static TheoryData<string, CreateMeeting, bool> RefusedMeetings() => new()
    {
        { "cycleId", Command(), false },
        { "meetingDate", Command(date: Today.AddDays(1)), true },
        { "meetingDate", CreateMeeting.From(new CreateMeetingRequest(null, null, Nine, Nine), "s"), true },
        { "members", Command(members: [], present: []), true },
        { "members", Command(members: [.. Enumerable.Range(0, MeetingDecider.MaxMembers + 1).Select(i => $"委员{i}")],
            present: []), true },
        { "members", Command(members: ["委员甲", "委员甲"], present: []), true },
        { "members", Command(members: ["委员甲", ""], present: []), true },
        { "members", Command(members: [new string('名', 51)], present: []), true },
        { "present", Command(present: ["委员癸"]), true },
        { "present", Command(present: ["委员甲", "委员甲"]), true },
    };

    [Theory]
    [MemberData(nameof(RefusedMeetings))]
    public void A_meeting_that_cannot_have_happened_is_refused_naming_the_field(string field, CreateMeeting command,
        bool cycleKnown)
    {
        var refusal = Refused(MeetingDecider.Decide(command, cycleKnown ? Cycle : null, Today, Id, Now));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Contains(field, refusal.Fields!.Keys);
    }

    [Fact]
    public void A_committee_of_exactly_one_hundred_members_none_present_is_registered()
    {
        var hundred = Enumerable.Range(0, MeetingDecider.MaxMembers).Select(i => $"委员{i}").ToList();

        Assert.True(MeetingDecider.Decide(Command(members: hundred, present: []), Cycle, Today, Id,
            Now).Accepted(out var meeting, out _));
        Assert.False(meeting.HasQuorum(Cycle));
    }

    [Theory]
    [InlineData(9, 6, true)]
    [InlineData(9, 5, false)]
    [InlineData(3, 2, true)]
    [InlineData(3, 1, false)]
    [InlineData(1, 1, true)]
    [InlineData(0, 0, false)]
    public void A_meeting_has_quorum_from_exactly_two_thirds_of_its_members_present(int members, int present,
        bool quorum)
    {
        Assert.Equal(quorum, Meeting(members, present).HasQuorum(Cycle));
    }

    [Fact]
    public void A_vote_of_a_quorate_meeting_becomes_the_vote_its_application_is_decided_by()
    {
        var request = new MeetingVoteRequest(Application, 4, 2, 0);

        Assert.True(MeetingDecider.Decide(Meeting(9, 6), request, Cycle).Accepted(out var vote, out _));
        Assert.Equal(new Vote(Id, Today, 9, 6, 4, 2, 0), vote);
    }

    [Fact]
    public void A_meeting_one_member_short_of_quorum_cannot_vote_even_with_counts_that_add_up()
    {
        var refusal = Refused(MeetingDecider.Decide(Meeting(9, 5), new MeetingVoteRequest(Application, 5, 0, 0),
            Cycle));

        Assert.Equal(CommitteeVote.QuorumRule, refusal.Code);
        Assert.Equal(RefusalKind.BreaksRule, refusal.Kind);
    }

    public static TheoryData<string[], MeetingVoteRequest?> ImpossibleVotes() => new()
    {
        { ["applicationId", "votesFor", "votesAgainst", "abstentions"], null },
        { ["applicationId"], new MeetingVoteRequest(Guid.Empty, 4, 2, 0) },
        { ["votesFor"], new MeetingVoteRequest(Application, -1, 6, 1) },
        { ["votesFor"], new MeetingVoteRequest(Application, 7, 0, 0) },
        { ["votesFor", "votesAgainst", "abstentions"], new MeetingVoteRequest(Application, int.MaxValue, int.MaxValue,
            8) },
        { ["votesFor", "votesAgainst"], new MeetingVoteRequest(Application, int.MaxValue, int.MaxValue, 0) },
        { ["abstentions"], new MeetingVoteRequest(Application, 4, 2, null) },
        { [MeetingDecider.VotesSum], new MeetingVoteRequest(Application, 4, 1, 0) },
        { [MeetingDecider.VotesSum], new MeetingVoteRequest(Application, 0, 0, 0) },
    };

    [Theory]
    [MemberData(nameof(ImpossibleVotes))]
    public void A_vote_with_a_missing_negative_or_impossible_count_is_refused_naming_exactly_those_fields(string[] fields, MeetingVoteRequest? request)
    {
        var refusal = Refused(MeetingDecider.Decide(Meeting(9, 6), request, Cycle));

        Assert.Equal(fields.Order(), refusal.Fields!.Keys.Order());
    }

    [Fact]
    public void Zero_yes_votes_of_a_quorate_meeting_are_recorded_and_never_pass()
    {
        Assert.True(MeetingDecider.Decide(Meeting(9, 6), new MeetingVoteRequest(Application, 0, 6, 0),
            Cycle).Accepted(out var vote, out _));
        var candidate = new CommitteeCandidate(Application, Contracts.Ledger.ApplicationStatus.AwaitingCommittee,
            ReadyForCommittee: true);

        Assert.True(CommitteeVote.Decide(candidate, vote, Cycle, Now).Accepted(out var decided, out _));
        Assert.False(decided.Passed);
    }
}
