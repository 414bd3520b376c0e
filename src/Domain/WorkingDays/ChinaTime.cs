namespace TitleReview.Domain.WorkingDays;

/// <summary>The committee's business dates are Beijing dates (UTC+8, no daylight saving), whatever the server's zone.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(this TimeProvider clock) => DateOfInstant(clock.GetUtcNow());

    public static DateOnly DateOfInstant(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>An instant as the back-office pages show it: Beijing time to the minute, 2023-06-01 10:00.</summary>
    public static string ToMinute(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
