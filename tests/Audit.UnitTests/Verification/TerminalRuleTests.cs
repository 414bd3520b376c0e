using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Contracts.Events;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

public sealed class TerminalRuleTests
{
    private static readonly ApplicationWithdrawn Withdrawal = new(Id, "撤回", At.AddDays(100));
    private static readonly CertificateRevoked Revocation = new(Id, "XSGC-2023-Z-99999", "材料造假", At.AddDays(200));
    private static readonly FeeRefunded Refund = new(Id, 300.00m, "逾期到账", At.AddDays(20));

    [Fact]
    public void The_clean_history_ends_with_its_certificate()
    {
        Assert.Empty(TerminalRule.Check(Replayed(Clean())));
    }

    [Fact]
    public void A_revocation_of_the_issued_certificate_and_a_refund_may_follow_it()
    {
        Assert.Empty(TerminalRule.Check(Replayed([.. Clean(), Revocation, Refund])));
    }

    [Fact]
    public void Anything_else_after_the_certificate_cites_the_certificate_and_itself()
    {
        var found = Assert.Single(TerminalRule.Check(Replayed([.. Clean(), Withdrawal])));

        Assert.Equal(AuditRules.NothingAfterTerminal, found.Rule);
        Assert.Equal([SequenceAt(Issued), SequenceAt(Issued + 1)], found.Sequences);
        Assert.Equal("'application_withdrawn' after the terminal event 'certificate_issued'.", found.English);
    }

    [Fact]
    public void A_second_revocation_follows_a_revocation_not_a_certificate()
    {
        var found = Assert.Single(TerminalRule.Check(Replayed([.. Clean(), Revocation, Revocation])));
        Assert.Equal("'certificate_revoked' after the terminal event 'certificate_revoked'.", found.English);
    }

    [Fact]
    public void An_upheld_objection_ends_the_application_and_a_dismissed_one_does_not()
    {
        var objection = Guid.NewGuid();
        var lodged = new ObjectionLodged(Id, objection, "材料不实", At.AddDays(6));

        Assert.Empty(TerminalRule.Check(Replayed(Clean().Inserting(Completed, lodged, new ObjectionResolved(Id, objection, false, "不成立", At.AddDays(7))))));
        var findings = TerminalRule.Check(Replayed(Clean().Inserting(Completed, lodged, new ObjectionResolved(Id, objection, true, "属实", At.AddDays(7))))).ToList();
        Assert.Equal(3, findings.Count); // the completion, the decision and the certificate
        Assert.All(findings, f => Assert.Equal(SequenceAt(Completed + 1), f.Sequences[0]));
        Assert.All(findings, f => Assert.EndsWith("after the terminal event 'objection_resolved(upheld)'.", f.English, StringComparison.Ordinal));
    }

    [Fact]
    public void An_objection_answered_after_the_withdrawal_is_no_breach_and_ends_nothing_again()
    {
        var objection = Guid.NewGuid();
        var history = Clean().Take(Completed).Concat(new IApplicationEvent[]
        {
            new ObjectionLodged(Id, objection, "材料不实", At.AddDays(6)),
            new ApplicationWithdrawn(Id, "另有安排", At.AddDays(7)),
            new ObjectionResolved(Id, objection, true, "属实", At.AddDays(8)),
            Refund,
        }).ToList();

        var replayed = Replayed(history);

        Assert.Empty(TerminalRule.Check(replayed));
        // After the answer (seen from the refund that follows it) the application is still withdrawn.
        Assert.Equal(TerminalEvent.Withdrawn, replayed.Steps[^1].Before.Terminal?.Type);
    }

    [Fact]
    public void A_lapse_undone_after_an_objection_was_upheld_leaves_the_upheld_objection_as_the_end()
    {
        var objection = Guid.NewGuid();
        var history = Clean().Inserting(Paid,
            new ObjectionLodged(Id, objection, "材料不实", At.AddDays(6)),
            new ApplicationLapsed(Id, "逾期未缴费", At.AddDays(16)),
            new ObjectionResolved(Id, objection, true, "属实", At.AddDays(17)),
            new ApplicationLapseUndone(Id, Reference, At.AddDays(14), At.AddDays(18)));

        var findings = TerminalRule.Check(Replayed(history)).ToList();

        // What followed (the payment, the completion, the decision and the certificate) breaks the upheld objection's end.
        Assert.Equal(4, findings.Count);
        Assert.All(findings, f => Assert.EndsWith("after the terminal event 'objection_resolved(upheld)'.", f.English, StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_decision_ends_the_application()
    {
        var found = Assert.Single(TerminalRule.Check(Replayed(Clean().With(Decided, Vote(9, 6, 3, 3, 0, passed: false)))));
        Assert.Equal("'certificate_issued' after the terminal event 'committee_decided(failed)'.", found.English);
    }

    [Fact]
    public void A_lapse_undone_may_follow_the_lapse_and_the_application_continues()
    {
        var history = Clean().Inserting(Paid, new ApplicationLapsed(Id, "逾期未缴费", At.AddDays(16)), new ApplicationLapseUndone(Id, Reference, At.AddDays(14), At.AddDays(17)));
        Assert.Empty(TerminalRule.Check(Replayed(history)));
    }

    [Fact]
    public void After_a_lapse_only_its_undoing_or_a_refund_may_follow()
    {
        var history = Clean().Inserting(Paid, new ApplicationLapsed(Id, "逾期未缴费", At.AddDays(16)), Refund);

        var findings = TerminalRule.Check(Replayed(history)).ToList();

        Assert.Equal([Paid + 2, Completed + 2, Decided + 2, Issued + 2], findings.Select(f => f.At));
        Assert.All(findings, f => Assert.Equal(SequenceAt(Paid), f.Sequences[0]));
    }
}
