using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Review.Features.ChecklistChecks;

/// <summary>The latest check of one item, and whether the applicant has changed the item's module since.</summary>
public sealed record ChecklistCheck(ChecklistItemChecked Event, bool ModuleChangedSince)
{
    /// <summary>
    /// The latest check of each item key, from the stream (oldest first). A check made before a resubmission that
    /// changed the item's module is kept, marked: what was checked is no longer what the file says.
    /// </summary>
    public static IReadOnlyDictionary<string, ChecklistCheck> Latest(IEnumerable<object> history, IReadOnlyList<KeyedChecklistItem> checklist)
    {
        var moduleOf = checklist.ToDictionary(k => k.Key, k => ApplicationModules.CodeOf(k.Item.Module), StringComparer.Ordinal);
        var latest = new Dictionary<string, ChecklistCheck>(StringComparer.Ordinal);
        foreach (var data in history)
        {
            switch (data)
            {
                case ChecklistItemChecked check:
                    latest[check.ItemCode] = new(check, false);
                    break;
                case ApplicationResubmitted resubmitted:
                    var changed = (resubmitted.ChangedModules ?? []).Select(ApplicationModules.CodeOf).ToHashSet(StringComparer.Ordinal);
                    foreach (var (key, check) in latest.ToList())
                    {
                        if (moduleOf.TryGetValue(key, out var module) && changed.Contains(module))
                        {
                            latest[key] = check with { ModuleChangedSince = true };
                        }
                    }

                    break;
            }
        }

        return latest;
    }
}
