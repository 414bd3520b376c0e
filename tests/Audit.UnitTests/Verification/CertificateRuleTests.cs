using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

public sealed class CertificateRuleTests
{
    [Fact]
    public void A_certificate_after_a_pass_is_kept()
    {
        Assert.Empty(CertificateRule.Check(Replayed(Clean())));
    }

    [Fact]
    public void A_certificate_without_a_decision_is_reported()
    {
        var found = Assert.Single(CertificateRule.Check(Replayed(Clean().Without(Decided))));
        Assert.Equal(AuditRules.CertificateAfterPass, found.Rule);
        Assert.Equal([SequenceAt(Decided)], found.Sequences);
    }

    [Fact]
    public void A_certificate_after_a_fail_is_reported()
    {
        Assert.Single(CertificateRule.Check(Replayed(Clean().With(Decided, Vote(9, 6, 3, 3, 0, passed: false)))));
    }
}
