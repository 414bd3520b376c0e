using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Testing;

namespace TitleReview.Certificate.UnitTests;

/// <summary>Notice 五: a certificate only after the committee's pass, the publicity and the fee — as the ledger shows them.</summary>
public sealed class CertificateDecisionTests
{
    private static readonly ReviewCycle Xishan = ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023);

    private static readonly IssueNumbering Numbering = new(7, new DateOnly(2023, 7, 3), "ABCDEFGH23");

    private static Decision<CertificateIssued> Decide(ApplicationHistory history, ReviewCycle? cycle = null) =>
        CertificateDecision.Decide(history.State, history.Events.OfType<CommitteeDecided>().LastOrDefault(d => d.Passed), cycle ?? Xishan, Numbering);

    [Fact]
    public void A_pass_after_publicity_and_payment_earns_a_numbered_certificate()
    {
        var issued = Decide(ApplicationHistory.ReadyForCommittee().CommitteeDecided(passed: true, votesFor: 7)).Outcome!;
        Assert.Equal("XSGC-2023-Z-00007", issued.CertificateNumber);
        Assert.Equal(("张三", new DateOnly(2023, 7, 3), "ABCDEFGH23"), (issued.HolderName, issued.IssueDate, issued.VerificationCode));
        Assert.Equal(new DateOnly(2023, 7, 1), issued.DecisionDate);
    }

    [Theory]
    [InlineData(9, 9, 0)]   // a "pass" with no yes votes
    [InlineData(9, 9, 5)]   // below 2/3 of those present
    [InlineData(9, 5, 5)]   // no quorum
    [InlineData(0, 0, 0)]   // a meeting of nobody
    public void A_recorded_pass_whose_counts_do_not_pass_issues_nothing(int total, int present, int yes)
    {
        var refusal = Decide(ApplicationHistory.ReadyForCommittee().CommitteeDecided(passed: true, total, present, yes)).Refusal!;
        Assert.Equal(("committee-pass", "五"), (refusal.Code, refusal.Clause));
    }

    [Fact]
    public void No_certificate_without_publicity_completed_or_the_fee_paid()
    {
        var unpaid = ApplicationHistory.Submitted().ClaimedBy("li").FinalApproved("li").FeeAssessed().Published().PublicityCompleted()
            .CommitteeDecided(passed: true);
        Assert.Equal("no-pass-in-ledger", Decide(unpaid).Refusal!.Code);

        var inPublicity = ApplicationHistory.Submitted().ClaimedBy("li").FinalApproved("li").FeeAssessed().Published().FeePaid()
            .CommitteeDecided(passed: true);
        Assert.Equal("no-pass-in-ledger", Decide(inPublicity).Refusal!.Code);
    }

    [Fact]
    public void A_failed_vote_and_a_second_issue_issue_nothing()
    {
        Assert.Equal("no-pass-in-ledger", Decide(ApplicationHistory.ReadyForCommittee().CommitteeDecided(passed: false, votesFor: 2)).Refusal!.Code);

        var issuedOnce = ApplicationHistory.ReadyForCommittee().CommitteeDecided(passed: true);
        issuedOnce.With(Decide(issuedOnce).Outcome!);
        Assert.Equal("no-pass-in-ledger", Decide(issuedOnce).Refusal!.Code);
    }

    [Fact]
    public void No_stream_and_an_unknown_cycle_are_refused()
    {
        Assert.Equal(RefusalKind.NotFound, CertificateDecision.Decide(null, null, Xishan, Numbering).Refusal!.Kind);
        var history = ApplicationHistory.ReadyForCommittee().CommitteeDecided(passed: true);
        Assert.Equal("unknown-cycle", CertificateDecision.Decide(history.State, null, null, Numbering).Refusal!.Code);
    }
}
