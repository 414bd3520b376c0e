using System.Globalization;
using TitleReview.Domain.WorkingDays;
using TitleReview.Domain;
using TitleReview.Web.Http;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Publicity.Features.WorkingDays;

public sealed record PeriodEnd(DateOnly Start, int Days, DateOnly End, string CalendarVersion);

public sealed record WorkingDayCount(DateOnly From, DateOnly To, int WorkingDays, string CalendarVersion);

/// <summary>
/// The official working-day arithmetic, public: the portal and units use it to plan their own publicity. A period that
/// reaches a year not yet loaded is a 422 naming the year (see ProblemExceptionHandler), never a guess.
/// </summary>
public static class WorkingDaysEndpoints
{
    private const int MaxDays = 366;

    public static RouteGroupBuilder MapWorkingDays(this RouteGroupBuilder group)
    {
        group.MapGet("/end", EndOfPeriod);

        group.MapGet("/count", CountWorkingDays);
        return group;
    }

    private static async Task<IResult> EndOfPeriod(string? start, string? days, WorkingDayCalendars calendars, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Bilingual[]>();
        var startDate = ParseDate(start, "start", errors);
        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxDays)
        {
            errors["days"] = [new($"days 须为 1 到 {MaxDays} 的整数。", $"days must be a whole number from 1 to {MaxDays}.")];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var calendar = await calendars.CurrentAsync(cancellationToken);
        return Results.Ok(new PeriodEnd(startDate!.Value, count, calendar.EndOfPeriod(startDate.Value, count), calendar.Version));
    }

    private static async Task<IResult> CountWorkingDays(string? from, string? to, WorkingDayCalendars calendars, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Bilingual[]>();
        var fromDate = ParseDate(from, "from", errors);
        var toDate = ParseDate(to, "to", errors);
        if (fromDate > toDate)
        {
            errors["to"] = [new("to 不能早于 from。", "'to' must not be before 'from'.")];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var calendar = await calendars.CurrentAsync(cancellationToken);
        return Results.Ok(new WorkingDayCount(fromDate!.Value, toDate!.Value, calendar.Count(fromDate.Value, toDate.Value), calendar.Version));
    }

    private static DateOnly? ParseDate(string? text, string field, Dictionary<string, Bilingual[]> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = [new($"{field} 须为日期 YYYY-MM-DD。", $"{field} must be a date as YYYY-MM-DD.")];
        return null;
    }
}
