using JasperFx;
using Marten;
using TitleReview.Audit.Features.Verification;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Testing;

namespace TitleReview.Audit.IntegrationTests;

/// <summary>A ledger of its own (own database) with only the Audit service on it, so nothing reacts to forged events.</summary>
public sealed class SyntheticLedgerFixture : IAsyncLifetime
{
    public TestInfrastructure Infrastructure { get; private set; } = null!;
    public ServiceHost<VerificationRun> Audit { get; private set; } = null!;
    public HttpClient AuditApi { get; private set; } = null!;
    private LedgerForger forger = null!;

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        Audit = new ServiceHost<VerificationRun>(Infrastructure, ServiceHostSettings.Audit(null));
        AuditApi = Audit.CreateClient().As(Roles.Auditor);
        forger = new LedgerForger(Infrastructure.EventStore);
    }

    public Task<Guid> AppendAsync(Func<Guid, IEnumerable<Forged>> history) => forger.AppendAsync(history);

    public async Task DisposeAsync()
    {
        forger.Dispose();
        await Audit.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SyntheticLedgerCollection : ICollectionFixture<SyntheticLedgerFixture>
{
    public const string Name = "synthetic ledger";
}

/// <summary>The clean history (CleanHistory), and variations that each break exactly one rule.</summary>
public static class Histories
{
    public static readonly DateOnly PublicityStart = CleanHistory.PublicityStart;
    public static readonly DateOnly PublicityEnd = CleanHistory.PublicityEnd;
    private static readonly DateTimeOffset At = CleanHistory.At;

    public static List<Forged> Clean(Guid id, string name = "李四", TitleLevel level = TitleLevel.Engineer, string submittedBy = LedgerForger.DefaultUser) =>
        CleanHistory.Build(id, name, level, submittedBy);

    /// <summary>Each scenario: the rule it must be reported under, and how it bends the clean history.</summary>
    public static readonly IReadOnlyDictionary<string, (string Rule, Func<Guid, List<Forged>> Build)> BreakingOne = new Dictionary<string, (string, Func<Guid, List<Forged>>)>
    {
        ["starts without a submission"] = (AuditRules.StartsWithSubmission.Code, id => [.. Clean(id).Skip(1)]),
        ["submitted after the window closed"] = (AuditRules.SubmissionInsideWindow.Code, id => Replace(Clean(id), 0, new ApplicationSubmitted(id, "李四", "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023", new DateTimeOffset(2023, 8, 1, 9, 0, 0, TimeSpan.FromHours(8))))),
        ["approved with a revision open"] = (AuditRules.NoApprovalWithOpenRevision.Code, id => Insert(Clean(id), 2, new RevisionRequested(id, [new ModuleComment("业绩", "请补充证明")], At.AddDays(1)))),
        ["published before approval"] = (AuditRules.PublishedAfterFinalApproval.Code, id => Swap(Clean(id), 2, 3)),
        ["publicity of four working days"] = (AuditRules.PublicityPeriod.Code, id => Replace(Clean(id), 3, new Published(id, Guid.NewGuid(), PublicityStart, PublicityStart.AddDays(3), 4, WorkingDayCalendar.Official.Version, At.AddDays(4)))),
        ["proof dated on the end date"] = (AuditRules.PublicityCompletion.Code, id => Replace(Clean(id), 6, new PublicityCompleted(id, Guid.NewGuid(), PublicityEnd, At.AddDays(10)))),
        ["completed with an open objection"] = (AuditRules.NoCompletionWithOpenObjection.Code, id => Insert(Clean(id), 6, new ObjectionLodged(id, Guid.NewGuid(), "材料不实", At.AddDays(6)))),
        ["fee assessed before approval"] = (AuditRules.FeeAfterFinalApproval.Code, id => Move(Clean(id), 4, 2)),
        ["paid a different amount"] = (AuditRules.FeePaidMatchesAssessed.Code, id => Replace(Clean(id), 5, new FeePaid(id, 200.00m, $"XSGC2023-{id.ToString("N")[..8]}", "platform", At.AddDays(5)))),
        ["decided before publicity completed"] = (AuditRules.CommitteeAfterPublicityAndFee.Code, id => [.. Clean(id).Where((_, i) => i != 6)]),
        ["decided without a quorum"] = (AuditRules.CommitteeQuorumAndThreshold.Code, id => Replace(Clean(id), 7, new CommitteeDecided(id, Guid.NewGuid(), new DateOnly(2023, 9, 1), 9, 5, 5, 0, 0, true, At.AddDays(90)))),
        ["passed one vote short of two thirds"] = (AuditRules.CommitteeQuorumAndThreshold.Code, id => Replace(Clean(id), 7, new CommitteeDecided(id, Guid.NewGuid(), new DateOnly(2023, 9, 1), 9, 6, 3, 3, 0, true, At.AddDays(90)))),
        // Counts whose int arithmetic overflowed: 2^30 present times 2 wraps negative, so zero yes votes "reached" two thirds.
        ["passed with zero yes votes of 2^30 present"] = (AuditRules.CommitteeQuorumAndThreshold.Code, id => Replace(Clean(id), 7, new CommitteeDecided(id, Guid.NewGuid(), new DateOnly(2023, 9, 1), 1 << 30, 1 << 30, 0, 1 << 30, 0, true, At.AddDays(90)))),
        // int.MaxValue + int.MaxValue + 9 wraps to 7, the number present; votesFor * 3 wraps to a huge positive number.
        ["int.MaxValue yes votes that wrap to those present"] = (AuditRules.CommitteeQuorumAndThreshold.Code, id => Replace(Clean(id), 7, new CommitteeDecided(id, Guid.NewGuid(), new DateOnly(2023, 9, 1), 9, 7, int.MaxValue, int.MaxValue, 9, true, At.AddDays(90)))),
        ["fewer votes than members present"] = (AuditRules.CommitteeQuorumAndThreshold.Code, id => Replace(Clean(id), 7, new CommitteeDecided(id, Guid.NewGuid(), new DateOnly(2023, 9, 1), 9, 7, 5, 0, 0, true, At.AddDays(90)))),
        ["negative members present"] = (AuditRules.CommitteeQuorumAndThreshold.Code, id => Replace(Clean(id), 7, new CommitteeDecided(id, Guid.NewGuid(), new DateOnly(2023, 9, 1), -9, -7, 0, 0, -7, true, At.AddDays(90)))),
        ["certificate without a pass"] = (AuditRules.CertificateAfterPass.Code, id => [.. Clean(id).Where((_, i) => i != 7)]),
        ["something after the certificate"] = (AuditRules.NothingAfterTerminal.Code, id => [.. Clean(id), new(new ApplicationWithdrawn(id, "撤回", At.AddDays(100)))]),
        ["approval appended by Intake"] = (AuditRules.AppendedByOwner.Code, id => Replace(Clean(id), 2, new FinalApproved(id, "reviewer-wang", At.AddDays(2)), appendedBy: "Intake")),
        ["lapse undone by a payment made after the due date"] = (AuditRules.LapseUndoneByTimelyPayment.Code, id => WithLapse(Clean(id), paidOn: new DateOnly(2023, 6, 17))),
        ["lapse undone without a lapse"] = (AuditRules.LapseUndoneByTimelyPayment.Code, id =>
            Insert(Clean(id), 5, new ApplicationLapseUndone(id, $"XSGC2023-{id.ToString("N")[..8]}", At.AddDays(5), At.AddDays(5)))),
    };

    /// <summary>The clean history with its fee lapsed the day after the due date (2023-06-16) and the lapse undone by a payment made on <paramref name="paidOn"/>.</summary>
    public static List<Forged> WithLapse(List<Forged> history, DateOnly paidOn)
    {
        var id = history[0].Event.ApplicationId;
        var paidAt = new DateTimeOffset(paidOn.ToDateTime(new TimeOnly(23, 59)), TimeSpan.FromHours(8));
        history.Insert(5, new Forged(new ApplicationLapsed(id, "逾期未缴费", new DateTimeOffset(2023, 6, 17, 0, 30, 0, TimeSpan.FromHours(8)))));
        history.Insert(6, new Forged(new ApplicationLapseUndone(id, $"XSGC2023-{id.ToString("N")[..8]}", paidAt, new DateTimeOffset(2023, 6, 18, 9, 0, 0, TimeSpan.FromHours(8)))));
        return history;
    }

    private static List<Forged> Replace(List<Forged> history, int index, IApplicationEvent with, string? appendedBy = null)
    {
        history[index] = new Forged(with, appendedBy);
        return history;
    }

    private static List<Forged> Insert(List<Forged> history, int index, IApplicationEvent @event)
    {
        history.Insert(index, new Forged(@event));
        return history;
    }

    private static List<Forged> Swap(List<Forged> history, int a, int b)
    {
        (history[a], history[b]) = (history[b], history[a]);
        return history;
    }

    private static List<Forged> Move(List<Forged> history, int from, int to)
    {
        var step = history[from];
        history.RemoveAt(from);
        history.Insert(to, step);
        return history;
    }
}
