using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Testing;

/// <summary>
/// An application's stream, event by event, for the pure decisions' unit tests: each step appends what its owning
/// service would, and <see cref="State"/> folds them exactly as the ledger's projection does.
/// </summary>
public sealed class ApplicationHistory
{
    public static readonly DateTimeOffset Start = new(2023, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly List<object> events = [];

    public Guid Id { get; } = Guid.NewGuid();

    public IReadOnlyList<object> Events => events;

    public ApplicationLifecycle State => events.Aggregate(new ApplicationLifecycle(), (state, e) => state.Evolve(e));

    public ApplicationHistory With(object e)
    {
        events.Add(e);
        return this;
    }

    public static ApplicationHistory Submitted() => new ApplicationHistory().Submit();

    private ApplicationHistory Submit() => With(new ApplicationSubmitted(
        Id, "张三", "无锡某工程有限公司", "工程", "电气工程", TitleLevel.Engineer, ReviewCycleCatalogue.Xishan2023, Start));

    public ApplicationHistory ClaimedBy(string reviewer) => With(new ReviewStarted(Id, reviewer, Start.AddDays(1)));

    public ApplicationHistory RevisionRequested() =>
        With(new RevisionRequested(Id, [new ModuleComment(ApplicationModules.Education, "请补充学历证明。")], Start.AddDays(2)));

    public ApplicationHistory FinalApproved(string reviewer) => With(new Contracts.Events.FinalApproved(Id, reviewer, Start.AddDays(3)));

    public ApplicationHistory Published() =>
        With(new Contracts.Events.Published(Id, Guid.NewGuid(), new DateOnly(2023, 6, 12), new DateOnly(2023, 6, 16), 5, "cn-2023-2026.1", Start.AddDays(10)));

    public ApplicationHistory PublicityCompleted() =>
        With(new Contracts.Events.PublicityCompleted(Id, Guid.NewGuid(), new DateOnly(2023, 6, 17), Start.AddDays(17)));

    public ApplicationHistory FeeAssessed(decimal amount = 300m) =>
        With(new Contracts.Events.FeeAssessed(Id, amount, "XS2023000001", new DateOnly(2023, 6, 30), Start.AddDays(3)));

    public ApplicationHistory FeePaid(decimal amount = 300m) =>
        With(new Contracts.Events.FeePaid(Id, amount, "XS2023000001", "bank", Start.AddDays(5)));

    /// <summary>Approved, published, publicity over and the fee paid: what the committee may decide on.</summary>
    public static ApplicationHistory ReadyForCommittee(string reviewer = "reviewer-1") =>
        Submitted().ClaimedBy(reviewer).FinalApproved(reviewer).FeeAssessed().Published().PublicityCompleted().FeePaid();

    public ApplicationHistory CommitteeDecided(bool passed, int total = 9, int present = 9, int votesFor = 9) =>
        With(new Contracts.Events.CommitteeDecided(Id, Guid.NewGuid(), new DateOnly(2023, 7, 1), total, present, votesFor, present - votesFor, 0,
            passed, Start.AddDays(30)));
}
