using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;

namespace TitleReview.Review.Features.ChecklistChecks;

/// <summary>What checking an item needs to know: where the review stands, who holds the claim, the items' keys.</summary>
public sealed record ChecklistState(Guid Id, ApplicationStatus Status, string? Reviewer, IReadOnlyCollection<string> ItemKeys);

/// <summary>The reviewer's "checked" on one item, with an optional note; the reviewer is always the caller.</summary>
public sealed record CheckItem(string Reviewer, string ItemKey, string? Note);

/// <summary>
/// Recording a checklist item as checked (ChecklistItemChecked): only by the reviewer holding the claim, only while
/// the application is under review (the check belongs to this review; a resubmission is claimed and checked again),
/// only an item on the application's latest checklist, with a note of at most 500 characters, trimmed.
/// </summary>
public static class ChecklistDecider
{
    public const int MaxNoteLength = 500;

    public static Decision<ChecklistItemChecked> Decide(ChecklistState state, CheckItem command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var note = command.Note?.Trim() ?? "";
        if (note.Length > MaxNoteLength)
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>>
            {
                ["note"] = [new($"核对备注不能超过 {MaxNoteLength} 字（现有 {note.Length} 字）。", $"The note is at most {MaxNoteLength} characters (it has {note.Length}).")],
            });
        }

        if (!state.ItemKeys.Contains(command.ItemKey))
        {
            return Refusal.NotFound("checklist-item-not-found", new($"该申报的核查清单中没有事项“{command.ItemKey}”。",
                $"The application's checklist has no item '{command.ItemKey}'."));
        }

        if (state.Status != ApplicationStatus.UnderReview)
        {
            return Refusal.Conflict("review-status", new($"该申报当前为“{state.Status.Chinese()}”，不能核对清单事项：须在审核中。",
                $"The application is '{state.Status.English()}'; checklist items are checked only while it is under review."));
        }

        return state.Reviewer switch
        {
            null => Refusal.Conflict("review-not-claimed", new("该申报尚未认领：请先认领，再核对。",
                "Nobody has claimed this application; claim it before checking items.")),
            var other when other != command.Reviewer => Refusal.Conflict("review-claimed",
                new($"该申报由 {other} 审核，只有认领人可以核对清单。", $"{other} reviews this application; only they can check its items.")),
            _ => new ChecklistItemChecked(state.Id, command.ItemKey, note, command.Reviewer, now),
        };
    }
}
