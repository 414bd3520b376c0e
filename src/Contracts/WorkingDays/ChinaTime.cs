namespace TitleReview.Contracts.WorkingDays;

/// <summary>The committee's business dates are Beijing dates (UTC+8, no daylight saving), whatever the server's zone.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(this TimeProvider clock) => DateOfInstant(clock.GetUtcNow());

    public static DateOnly DateOfInstant(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
