using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Contracts.Events;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

public sealed class RevisionRuleTests
{
    private static readonly RevisionRequested Revision = new(Id, [new ModuleComment("业绩", "请补充证明")], At.AddDays(1));
    private static readonly ApplicationResubmitted Resubmission = new(Id, ["业绩"], At.AddDays(1));

    [Fact]
    public void The_clean_history_has_no_revision_open_at_approval()
    {
        Assert.Empty(RevisionRule.Check(Replayed(Clean())));
    }

    [Fact]
    public void A_revision_answered_by_a_resubmission_may_be_approved()
    {
        Assert.Empty(RevisionRule.Check(Replayed(Clean().Inserting(Approved, Revision, Resubmission))));
    }

    [Fact]
    public void An_approval_with_the_revision_open_cites_the_request_and_the_approval()
    {
        var found = Assert.Single(RevisionRule.Check(Replayed(Clean().Inserting(Approved, Revision))));

        Assert.Equal(AuditRules.NoApprovalWithOpenRevision, found.Rule);
        Assert.Equal([SequenceAt(Approved), SequenceAt(Approved + 1)], found.Sequences);
    }

    [Fact]
    public void A_second_revision_after_a_resubmission_is_open_again()
    {
        var found = Assert.Single(RevisionRule.Check(Replayed(Clean().Inserting(Approved, Revision, Resubmission, Revision))));
        Assert.Equal([SequenceAt(Approved + 2), SequenceAt(Approved + 3)], found.Sequences);
    }
}
