namespace TitleReview.Contracts.Events;

// Owned by Payment. Money is decimal CNY with two decimals, never floating point.

public sealed record FeeAssessed(
    Guid ApplicationId,
    decimal Amount,
    string PaymentReference,
    DateOnly DueDate,
    DateTimeOffset AssessedAt) : IApplicationEvent;

public sealed record FeePaid(
    Guid ApplicationId,
    decimal Amount,
    string PaymentReference,
    string Channel,
    DateTimeOffset PaidAt) : IApplicationEvent;

/// <summary>Money that did not pay the fee (paid twice, after the lapse, a wrong amount) given back, with finance's evidence.</summary>
public sealed record FeeRefunded(
    Guid ApplicationId,
    decimal Amount,
    string Reason,
    DateTimeOffset RefundedAt,
    string? PaymentNotificationId = null,
    string? EvidenceSha256 = null) : IApplicationEvent;

/// <summary>Notice 五: a fee not paid in time counts as voluntarily giving up the application (视作自愿放弃).</summary>
public sealed record ApplicationLapsed(
    Guid ApplicationId,
    string Reason,
    DateTimeOffset LapsedAt) : IApplicationEvent;

/// <summary>
/// Notice 五: money paid by the due date (Beijing time) was paid in time, even when the platform or finance reports it
/// only after the lapse job ran. Appended right before that payment's FeePaid: the lapse ends and the application
/// continues. Only after an ApplicationLapsed, and only for a payment made on or before the due date.
/// </summary>
public sealed record ApplicationLapseUndone(
    Guid ApplicationId,
    string PaymentReference,
    DateTimeOffset PaidAt,
    DateTimeOffset UndoneAt) : IApplicationEvent;
