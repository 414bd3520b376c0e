namespace TitleReview.ServiceDefaults.Time;

/// <summary>
/// The real clock moved by an offset, for demos and end-to-end tests that must cross a 5-working-day publicity
/// or a payment deadline without waiting days. Time keeps flowing; only business time is shifted.
/// </summary>
public sealed class AdjustableTimeProvider : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void SetUtcNow(DateTimeOffset utcNow) =>
        Interlocked.Exchange(ref offsetTicks, (utcNow - System.GetUtcNow()).Ticks);
}
