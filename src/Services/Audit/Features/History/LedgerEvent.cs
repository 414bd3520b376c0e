namespace TitleReview.Audit.Features.History;

/// <summary>
/// One event as the ledger holds it, read straight from the event table: what happened (<see cref="Data"/>, typed
/// when the stored name is known; <see cref="DataJson"/> exactly as stored), where it sits (sequence, version), when, and who caused it, from which service.
/// </summary>
public sealed record LedgerEvent(
    long Sequence,
    Guid EventId,
    Guid ApplicationId,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    object? Data,
    string DataJson,
    string? UserId,
    string? Role,
    string? Service,
    string? CorrelationId,
    string? CausationId);
