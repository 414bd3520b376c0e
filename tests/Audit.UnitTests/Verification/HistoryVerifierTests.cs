using TitleReview.Audit.Features.Verification;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

/// <summary>The entry point: a clean history passes, and each variation is reported under exactly the rule it breaks.</summary>
public sealed class HistoryVerifierTests
{
    private static readonly Dictionary<string, (AuditRule Rule, Func<List<object>> Build)> BreakingOne = new()
    {
        ["starts without a submission"] = (AuditRules.StartsWithSubmission, () => Clean().Without(Submitted)),
        ["submitted twice"] = (AuditRules.StartsWithSubmission, () => Clean().Inserting(1, Submission())),
        ["submitted after the window closed"] = (AuditRules.SubmissionInsideWindow, () => Clean().With(Submitted, Submission(new DateTimeOffset(2023, 8, 1, 0, 0, 0, ChinaTime.Offset)))),
        ["approved with a revision open"] = (AuditRules.NoApprovalWithOpenRevision, () => Clean().Inserting(Approved, new RevisionRequested(Id, [new ModuleComment("业绩", "请补充证明")], At.AddDays(1)))),
        ["published before approval"] = (AuditRules.PublishedAfterFinalApproval, () => Clean().Swapping(Approved, PublishedAt)),
        ["publicity of four working days"] = (AuditRules.PublicityPeriod, () => Clean().With(PublishedAt, Publication(end: new DateOnly(2023, 6, 8), workingDays: 4))),
        ["proof dated on the end date"] = (AuditRules.PublicityCompletion, () => Clean().With(Completed, Completion(PublicityEnd))),
        ["completed without a publication"] = (AuditRules.PublicityCompletion, () => Clean().Without(PublishedAt)),
        ["completed with an open objection"] = (AuditRules.NoCompletionWithOpenObjection, () => Clean().Inserting(Completed, new ObjectionLodged(Id, Guid.NewGuid(), "材料不实", At.AddDays(6)))),
        ["fee assessed before approval"] = (AuditRules.FeeAfterFinalApproval, () => Clean().Moving(Assessed, Approved)),
        ["paid a different amount"] = (AuditRules.FeePaidMatchesAssessed, () => Clean().With(Paid, new FeePaid(Id, 200.00m, Reference, "platform", At.AddDays(5)))),
        ["decided before publicity completed"] = (AuditRules.CommitteeAfterPublicityAndFee, () => Clean().Without(Completed)),
        ["decided without a quorum"] = (AuditRules.CommitteeQuorumAndThreshold, () => Clean().With(Decided, Vote(9, 5, 5, 0, 0, passed: true))),
        ["certificate without a pass"] = (AuditRules.CertificateAfterPass, () => Clean().Without(Decided)),
        ["something after the certificate"] = (AuditRules.NothingAfterTerminal, () => Clean().Inserting(Issued + 1, new ApplicationWithdrawn(Id, "撤回", At.AddDays(100)))),
        ["approval appended by Intake"] = (AuditRules.AppendedByOwner, () => Clean().With(Approved, new Step(new FinalApproved(Id, "reviewer-wang", At.AddDays(2)), "Intake"))),
        ["an event the catalogue does not know"] = (AuditRules.KnownEvent, () => Clean().Inserting(Issued + 1, new Step(null, null, "mystery_event"))),
        ["lapse undone without a lapse"] = (AuditRules.LapseUndoneByTimelyPayment, () => Clean().Inserting(Paid, new ApplicationLapseUndone(Id, Reference, At.AddDays(5), At.AddDays(5)))),
    };

    public static TheoryData<string> Scenarios => [.. BreakingOne.Keys];

    [Fact]
    public void The_clean_history_passes()
    {
        Assert.Empty(Verify(Clean()));
    }

    [Fact]
    public void An_empty_history_passes()
    {
        Assert.Empty(Verify([]));
    }

    [Fact]
    public void Every_rule_the_audit_names_has_a_breaking_scenario()
    {
        Assert.Empty(AuditRules.All.Except(BreakingOne.Values.Select(s => s.Rule)));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_variation_is_reported_under_exactly_the_rule_it_breaks(string scenario)
    {
        var (rule, build) = BreakingOne[scenario];

        var findings = Verify(build());

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(rule.Code, f.Rule));
        Assert.All(findings, f => Assert.Equal(rule.Clause, f.Clause));
        Assert.All(findings, f => Assert.Equal(Id, f.ApplicationId));
    }

    [Fact]
    public void Findings_come_event_by_event_and_within_one_event_the_record_first()
    {
        // Approval appended by Intake with a revision open, then a certificate with no pass appended by Review:
        // at each event the owner finding comes before the event's own rule.
        var history = Clean()
            .Inserting(Approved, new RevisionRequested(Id, [], At.AddDays(1)))
            .With(Approved + 1, new Step(new FinalApproved(Id, "reviewer-wang", At.AddDays(2)), "Intake"));
        history.RemoveAt(Decided + 1);
        history[Issued] = new Step(history[Issued], "Review");

        var findings = Verify(history);

        Assert.Equal(
            [AuditRules.AppendedByOwner.Code, AuditRules.NoApprovalWithOpenRevision.Code, AuditRules.AppendedByOwner.Code, AuditRules.CertificateAfterPass.Code],
            findings.Select(f => f.Rule));
    }
}
