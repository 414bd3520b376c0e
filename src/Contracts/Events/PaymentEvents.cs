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

public sealed record FeeRefunded(
    Guid ApplicationId,
    decimal Amount,
    string Reason,
    DateTimeOffset RefundedAt) : IApplicationEvent;

/// <summary>Notice 五: a fee not paid in time counts as voluntarily giving up the application (视作自愿放弃).</summary>
public sealed record ApplicationLapsed(
    Guid ApplicationId,
    string Reason,
    DateTimeOffset LapsedAt) : IApplicationEvent;
