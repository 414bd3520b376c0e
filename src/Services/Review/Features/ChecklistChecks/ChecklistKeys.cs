using TitleReview.Contracts.Applications;

namespace TitleReview.Review.Features.ChecklistChecks;

/// <summary>One checklist item with the key a check names it by.</summary>
public sealed record KeyedChecklistItem(string Key, ChecklistItem Item);

/// <summary>
/// Intake's checklist repeats a code once per entry it concerns (one "education-verification" per education, one
/// "academic-misconduct" per output…), so the code alone does not name one item. The key is the code for its first
/// item and "code.2", "code.3"… for the next ones, in the checklist's order: an entry added at the end of a module on
/// resubmission leaves the keys before it as they were.
/// </summary>
public static class ChecklistKeys
{
    public static IReadOnlyList<KeyedChecklistItem> Of(IReadOnlyList<ChecklistItem> checklist)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyed = new List<KeyedChecklistItem>(checklist.Count);
        foreach (var item in checklist)
        {
            var occurrence = seen[item.Code] = seen.GetValueOrDefault(item.Code) + 1;
            keyed.Add(new(occurrence == 1 ? item.Code : $"{item.Code}.{occurrence}", item));
        }

        return keyed;
    }
}
