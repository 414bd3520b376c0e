namespace TitleReview.BackOffice.Components;

/// <summary>One event of an application's history as people read it.</summary>
/// <param name="Title">What happened, in Chinese (提交申报, 终审通过…).</param>
/// <param name="Actor">Who did it, when a person did.</param>
/// <param name="Details">Lines of detail (comments, amounts); each shown as text.</param>
/// <param name="Technical">The raw record (event type, sequence, JSON) for auditors; folded away by default.</param>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string Title,
    string? Actor = null,
    IReadOnlyList<string>? Details = null,
    Tone Tone = Tone.Neutral,
    string? Technical = null);
