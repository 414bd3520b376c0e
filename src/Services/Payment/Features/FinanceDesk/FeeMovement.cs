namespace TitleReview.Payment.Features.FinanceDesk;

public enum FeeMovementKind
{
    Assessed,
    Paid,
}

/// <summary>
/// One FeeAssessed or FeePaid of the ledger, as the finance desk lists and charts it, by the event's id: the desk read
/// these events from the whole ledger's event table, which has no index by type or time (10^5 applications made the
/// overview scan a million events four times).
/// </summary>
public sealed class FeeMovement
{
    public Guid Id { get; set; }
    public FeeMovementKind Kind { get; set; }
    public Guid ApplicationId { get; set; }
    public string PaymentReference { get; set; } = "";
    public decimal Amount { get; set; }

    /// <summary>How a payment arrived; none for an assessment.</summary>
    public string? Channel { get; set; }

    /// <summary>When the fee was assessed or paid, kept in UTC (the same instant): a timestamptz column, which Npgsql writes only from an offset of zero.</summary>
    public DateTimeOffset At { get; set => field = value.ToUniversalTime(); }
}
