using Microsoft.AspNetCore.Http;
using TitleReview.Domain.WorkingDays;
using TitleReview.Domain;

namespace TitleReview.Web.Http;

/// <summary>
/// A list's from/to filter in Beijing dates (both included). A date must lie within the years a business date can take:
/// 0001-01-01 has no Beijing midnight in UTC and 9999-12-31 has no next day, and both used to end in a 500.
/// </summary>
public static class DateFilter
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>A 400 naming each date out of range, or from after to; null when the filter is usable.</summary>
    public static IResult? Invalid(DateOnly? from, DateOnly? to)
    {
        var errors = new Dictionary<string, Bilingual[]>();
        foreach (var (name, date) in new[] { ("from", from), ("to", to) })
        {
            if (date is { } day && (day < Earliest || day > Latest))
            {
                errors[name] = [new($"{name} 须在 {Earliest:yyyy-MM-dd} 至 {Latest:yyyy-MM-dd} 之间。", $"{name} must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.")];
            }
        }

        if (errors.Count == 0 && from > to)
        {
            errors["from"] = [new("起始日期不能晚于截止日期。", "from must not be after to.")];
        }

        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }

    /// <summary>The first instant of a Beijing day.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);

    /// <summary>The first instant after a Beijing day: a filter's exclusive end.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));
}
