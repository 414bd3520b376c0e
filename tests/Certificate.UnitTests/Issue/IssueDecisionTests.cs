using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Certificate.UnitTests.Issue;

public sealed class IssueDecisionTests
{
    private static readonly ReviewCycle Cycle = ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023);
    private static readonly Guid ApplicationId = Guid.CreateVersion7();
    private static readonly DateOnly MeetingDate = new(2026, 5, 20);
    private static readonly CertificateDraw Draw = new("XSGC-2023-Z-00001", new DateOnly(2026, 5, 21), "ABCDEFGHJK");

    private static ApplicationLifecycle Passed() => new()
    {
        Id = ApplicationId,
        ApplicantName = "李四",
        Specialty = "建筑工程",
        Level = TitleLevel.Engineer,
        CycleId = Cycle.Id,
        FinalApproved = true,
        PublicityCompleted = true,
        FeePaid = true,
        CommitteePassed = true,
        CommitteeDate = MeetingDate,
    };

    private static CommitteeDecided Vote(int total = 15, int present = 12, int yes = 10, int no = 2, int abstain = 0) =>
        new(ApplicationId, Guid.CreateVersion7(), MeetingDate, total, present, yes, no, abstain, true, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_valid_pass_after_publicity_and_payment_issues_the_drawn_certificate()
    {
        var accepted = IssueOnCommitteePass.Decide(Passed(), Vote(), Cycle, Draw).Accepted(out var issued, out _);

        Assert.True(accepted);
        Assert.Equal(new CertificateIssued(ApplicationId, Draw.Number, "李四", "建筑工程", TitleLevel.Engineer, Cycle.CommitteeName,
            MeetingDate, Draw.Today, Draw.VerificationCode, TitleLevel.Engineer.TitleName()), issued);
    }

    [Fact]
    public void A_pass_with_exactly_the_quorum_and_exactly_the_pass_fraction_issues()
    {
        Assert.False(IssueOnCommitteePass.Decide(Passed(), Vote(total: 15, present: 10, yes: 7, no: 3), Cycle, Draw).IsRefused);
    }

    [Fact]
    public void One_member_short_of_the_quorum_issues_nothing()
    {
        var refusal = IssueOnCommitteePass.Decide(Passed(), Vote(total: 15, present: 9, yes: 9, no: 0), Cycle, Draw).Refusal;

        Assert.Equal("committee-vote", refusal?.Code);
    }

    [Fact]
    public void One_yes_vote_short_of_the_pass_fraction_issues_nothing()
    {
        Assert.True(IssueOnCommitteePass.Decide(Passed(), Vote(total: 15, present: 12, yes: 7, no: 5), Cycle, Draw).IsRefused);
    }

    [Fact]
    public void Zero_yes_votes_never_issue()
    {
        Assert.True(IssueOnCommitteePass.Decide(Passed(), Vote(yes: 0, no: 12), Cycle, Draw).IsRefused);
    }

    [Theory]
    [InlineData(15, 16, 16, 0, 0)]
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(15, 12, 13, 0, 0)]
    [InlineData(15, 12, 10, 2, 1)]
    [InlineData(15, -1, 10, 0, 0)]
    [InlineData(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, 0)]
    [InlineData(15, 12, 10, -5, 0)]
    [InlineData(15, 12, 10, 0, -1)]
    public void Forged_counts_no_meeting_can_have_never_issue(int total, int present, int yes, int no, int abstain)
    {
        Assert.True(IssueOnCommitteePass.Decide(Passed(), Vote(total, present, yes, no, abstain), Cycle, Draw).IsRefused);
    }

    [Fact]
    public void A_committee_message_for_an_application_the_ledger_does_not_know_issues_nothing()
    {
        Assert.Equal("no-ledger-pass", IssueOnCommitteePass.Decide(null, Vote(), Cycle, Draw).Refusal?.Code);
    }

    [Fact]
    public void A_pass_message_the_ledger_does_not_record_issues_nothing()
    {
        Assert.Equal("no-ledger-pass", IssueOnCommitteePass.Decide(Passed(), null, Cycle, Draw).Refusal?.Code);
    }

    [Fact]
    public void A_failed_committee_vote_in_the_ledger_issues_nothing()
    {
        var application = Passed();
        application.CommitteePassed = false;

        Assert.True(IssueOnCommitteePass.Decide(application, Vote(), Cycle, Draw).IsRefused);
    }

    [Fact]
    public void A_pass_before_publicity_completed_issues_nothing()
    {
        var application = Passed();
        application.PublicityCompleted = false;

        Assert.True(IssueOnCommitteePass.Decide(application, Vote(), Cycle, Draw).IsRefused);
    }

    [Fact]
    public void A_pass_with_the_fee_unpaid_issues_nothing()
    {
        var application = Passed();
        application.FeePaid = false;

        Assert.True(IssueOnCommitteePass.Decide(application, Vote(), Cycle, Draw).IsRefused);
    }

    [Fact]
    public void A_second_certificate_for_the_same_application_is_never_issued()
    {
        var application = Passed();
        application.CertificateNumber = "XSGC-2023-Z-00001";

        var refusal = IssueOnCommitteePass.Decide(application, Vote(), Cycle, Draw).Refusal;

        Assert.Equal(RefusalKind.Conflict, refusal?.Kind);
        Assert.Equal("already-issued", refusal?.Code);
    }

    [Fact]
    public void A_terminated_application_gets_no_certificate()
    {
        var application = Passed();
        application.Terminal = ApplicationStatus.Withdrawn;

        Assert.True(IssueOnCommitteePass.Decide(application, Vote(), Cycle, Draw).IsRefused);
    }

    [Fact]
    public void A_pass_in_a_cycle_that_is_not_loaded_issues_nothing()
    {
        Assert.Equal(RefusalKind.NotFound, IssueOnCommitteePass.Decide(Passed(), Vote(), null, Draw).Refusal?.Kind);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void Meeting_and_issue_dates_at_the_calendar_edges_are_carried_as_they_are(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var application = Passed();
        application.CommitteeDate = date;

        Assert.True(IssueOnCommitteePass.Decide(application, Vote(), Cycle, Draw with { Today = date }).Accepted(out var issued, out _));
        Assert.Equal(date, issued.DecisionDate);
        Assert.Equal(date, issued.IssueDate);
    }
}
