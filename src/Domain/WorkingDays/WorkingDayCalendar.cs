using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using TitleReview.Contracts.Events;

namespace TitleReview.Domain.WorkingDays;

/// <summary>One year of a holiday notice: its days off, its weekend make-up working days, its source and its version.</summary>
public sealed record CalendarYear(int Year, int Version, string Source, IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> MakeUpWorkingDays)
{
    internal FrozenSet<DateOnly> Off { get; } = DaysOff.ToFrozenSet();
    internal FrozenSet<DateOnly> MakeUp { get; } = MakeUpWorkingDays.ToFrozenSet();

    /// <summary>Same days, whatever the order or the source text: a re-import of identical data is not a new version.</summary>
    public bool SameDaysAs(CalendarYear other) => Off.SetEquals(other.Off) && MakeUp.SetEquals(other.MakeUp);

    public static CalendarYear Of(WorkingDayCalendarImported imported) => new(imported.Year, imported.Version,
        $"{imported.Notice}, {imported.NoticeDate:yyyy-MM-dd}", imported.DaysOff, imported.MakeUpWorkingDays);
}

/// <summary>
/// 工作日 under the State Council's holiday notices: Monday to Friday unless listed as a day off, plus the listed
/// weekend make-up days (调休补班). A date in a year without a loaded notice is refused, never guessed.
/// </summary>
public sealed class WorkingDayCalendar
{
    // Declared before Official: static fields initialise in order, and loading the official data needs these options.
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly FrozenDictionary<int, CalendarYear> years;

    private WorkingDayCalendar(string version, IEnumerable<CalendarYear> years)
    {
        Version = version;
        this.years = years.ToFrozenDictionary(y => y.Year);
    }

    /// <summary>Recorded in every Published event so that a replay uses the same data.</summary>
    public string Version { get; }

    public IReadOnlyCollection<int> Years => years.Keys;

    public CalendarYear? Year(int year) => years.GetValueOrDefault(year);

    public string SourceOf(int year) => years.TryGetValue(year, out var data) ? data.Source : throw new CalendarYearNotLoadedException(year);

    /// <summary>The calendar shipped with this build (the facts of shared/calendar-cn.md); every year in it is version 1.</summary>
    public static WorkingDayCalendar Official { get; } = LoadEmbedded();

    /// <summary>
    /// This calendar with some years replaced or added. The version names the shipped data and every year that differs
    /// from it ("cn-2023-2026.1+2027.1"), so the version string alone says which imports to replay with.
    /// </summary>
    public WorkingDayCalendar With(IEnumerable<CalendarYear> replacements)
    {
        var merged = years.Values.ToDictionary(y => y.Year);
        foreach (var year in replacements)
        {
            merged[year.Year] = year;
        }

        var changed = merged.Values.Where(y => !ReferenceEquals(y, years.GetValueOrDefault(y.Year))).OrderBy(y => y.Year)
            .Select(y => string.Create(CultureInfo.InvariantCulture, $"+{y.Year}.{y.Version}")).ToList();
        return changed.Count == 0 ? this : new WorkingDayCalendar(Version + string.Concat(changed), merged.Values);
    }

    public bool IsWorkingDay(DateOnly date)
    {
        if (!years.TryGetValue(date.Year, out var year))
        {
            throw new CalendarYearNotLoadedException(date.Year);
        }

        if (year.MakeUp.Contains(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !year.Off.Contains(date);
    }

    /// <summary>
    /// The last day of a period of <paramref name="workingDays"/> working days that begins on <paramref name="start"/>;
    /// the start counts as the first day when it is a working day, else the period begins on the next one.
    /// </summary>
    public DateOnly EndOfPeriod(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var day = start;
        var counted = 0;
        while (true)
        {
            if (IsWorkingDay(day) && ++counted == workingDays)
            {
                return day;
            }

            day = day.AddDays(1);
        }
    }

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly OnOrAfter(DateOnly date) => EndOfPeriod(date, 1);

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int Count(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"'to' ({to:yyyy-MM-dd}) is before 'from' ({from:yyyy-MM-dd}).", nameof(to));
        }

        var count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The last day of the unbroken run of loaded years from <paramref name="from"/>'s year on; null when that year is not loaded.</summary>
    public DateOnly? LoadedThrough(DateOnly from)
    {
        var year = from.Year;
        while (years.ContainsKey(year))
        {
            year++;
        }

        return year == from.Year ? null : new DateOnly(year - 1, 12, 31);
    }

    public static WorkingDayCalendar Parse(string json)
    {
        var document = JsonSerializer.Deserialize<CalendarDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("The working-day calendar is empty.");
        return new WorkingDayCalendar(document.Version, document.Years.Select(year => new CalendarYear(year.Year, 1, year.Source,
            [.. year.DaysOff.SelectMany(text => CalendarDates.TryExpand(text, out var days) ? days : throw new InvalidDataException($"'{text}' is not a date or a range of dates."))],
            [.. year.MakeUpWorkingDays.Select(text => CalendarDates.TryExpand(text, out var days) && days.Count == 1 ? days[0] : throw new InvalidDataException($"'{text}' is not a date."))])));
    }

    private static WorkingDayCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("TitleReview.Domain.WorkingDays.calendar-cn.json")
            ?? throw new InvalidOperationException("The embedded working-day calendar is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed record CalendarDocument(string Version, IReadOnlyList<CalendarYearDocument> Years);

    private sealed record CalendarYearDocument(int Year, string Source, IReadOnlyList<string> DaysOff, IReadOnlyList<string> MakeUpWorkingDays);
}

/// <summary>Dates as the notices and the shipped data write them: "2027-01-01", or an inclusive range "2027-02-06..2027-02-13".</summary>
public static class CalendarDates
{
    /// <summary>Longest range accepted: a whole year, so a typo in a range cannot expand without bound.</summary>
    private const int MaxRangeDays = 366;

    public static bool TryExpand(string? text, out IReadOnlyList<DateOnly> days)
    {
        days = [];
        var parts = (text ?? "").Split("..", 2);
        if (!TryParse(parts[0], out var first))
        {
            return false;
        }

        var last = first;
        if (parts.Length == 2 && (!TryParse(parts[1], out last) || last < first || last.DayNumber - first.DayNumber >= MaxRangeDays))
        {
            return false;
        }

        days = [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)];
        return true;
    }

    private static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

public sealed class CalendarYearNotLoadedException(int year) : InvalidOperationException(ReasonFor(year).ToString())
{
    public int Year { get; } = year;

    /// <summary>Why the working days cannot be counted, in both languages (the problem's detail).</summary>
    public Bilingual Reason => ReasonFor(Year);

    private static Bilingual ReasonFor(int year) =>
        new($"{year}年工作日安排尚未导入，无法计算该年的工作日。", $"The working-day calendar for {year} has not been loaded; working days in {year} cannot be counted.");
}
