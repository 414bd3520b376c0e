namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>A rule broken at the event at position <paramref name="At"/> of the history, citing the events of <paramref name="Sequences"/>.</summary>
public sealed record Found(int At, AuditRule Rule, IReadOnlyList<long> Sequences, string Chinese, string English);
