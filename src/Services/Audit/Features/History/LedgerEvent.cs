namespace TitleReview.Audit.Features.History;

/// <summary>
/// One event as the ledger holds it, read straight from the event table: what happened (<see cref="Data"/>, typed
/// when the stored name is known; <see cref="DataUtf8"/> exactly as stored, as UTF-8 JSON), where it sits (sequence, version), when, and who caused it, from which service.
/// </summary>
public sealed record LedgerEvent(
    long Sequence,
    Guid EventId,
    Guid ApplicationId,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    object? Data,
    ReadOnlyMemory<byte> DataUtf8,
    string? UserId,
    string? Role,
    string? Service,
    string? CorrelationId,
    string? CausationId);
