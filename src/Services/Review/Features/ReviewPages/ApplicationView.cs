using TitleReview.BackOffice.Components;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.Lifecycle;
using TitleReview.Review.Features.ApplicationDossier;
using TitleReview.Review.Features.ChecklistChecks;
using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.Review.Features.ReviewPages;

/// <summary>Everything the application page shows, read once by the handler; the page only lays it out.</summary>
public sealed record ApplicationView(
    ApplicationLifecycle Application,
    ReviewQueueItem Item,
    string Me,
    IReadOnlyList<DossierModule> Modules,
    bool DeclarationOnly,
    IReadOnlyList<KeyedChecklistItem> Checklist,
    IReadOnlyDictionary<string, ChecklistCheck> Checks,
    RevisionRequested? LastRevision,
    IReadOnlyList<TimelineEntry> Timeline,
    Func<string, string> NameOf,
    DateOnly Today)
{
    public Guid Id => Item.Id;

    /// <summary>The viewer holds the claim of a file under review: they may check items, send back, approve, reject.</summary>
    public bool Holds => Application.Status == ApplicationStatus.UnderReview && Application.Reviewer == Me;

    /// <summary>The viewer may claim it: waiting for review and unclaimed, or coming back to them after a resubmission.</summary>
    public bool CanClaim => Application.Status is ApplicationStatus.Submitted or ApplicationStatus.Resubmitted
        && (Application.Reviewer is null || Application.Reviewer == Me);

    /// <summary>The modules a revision may comment on: the two of a v1 application, or all of them.</summary>
    public IReadOnlyList<string> RevisionModules => DeclarationOnly ? ApplicationModules.DeclarationOnly : ApplicationModules.All;

    public bool Changed(string module) => Item.ChangedModules.Select(ApplicationModules.CodeOf).Contains(module);

    /// <summary>
    /// The checklist items about one module. Intake sets each item's module with the notice's clause it checks
    /// (ReviewerChecklist: 四(二) education → 学历情况, 三(四) current title → 专业技术资格, 四(三) outputs → 学术成果,
    /// 填报须知 二(十) performance → 工作业绩, 四(一) unit consent → 单位同意证明…); older events may name it by label.
    /// </summary>
    public IReadOnlyList<KeyedChecklistItem> ChecklistOf(string module) =>
        [.. Checklist.Where(k => ApplicationModules.CodeOf(k.Item.Module) == module)];

    /// <summary>Items whose module the page does not show (none today): listed after the modules, never dropped.</summary>
    public IReadOnlyList<KeyedChecklistItem> ChecklistElsewhere =>
        [.. Checklist.Where(k => Modules.All(m => m.Code != ApplicationModules.CodeOf(k.Item.Module)))];
}
