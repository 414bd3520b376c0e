namespace TitleReview.Audit.Features.Verification;

/// <summary>One broken rule in one application's history, with the events (global sequence numbers) that break it.</summary>
public sealed record Finding(
    Guid ApplicationId,
    string Rule,
    string Clause,
    string Chinese,
    string English,
    IReadOnlyList<long> Sequences);
