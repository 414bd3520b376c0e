using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace TitleReview.Contracts.WorkingDays;

/// <summary>
/// 工作日 under the State Council's holiday notices: Monday to Friday unless listed as a day off, plus the listed
/// weekend make-up days (调休补班). A date in a year without a loaded notice is refused, never guessed.
/// </summary>
public sealed class WorkingDayCalendar
{
    // Declared before Official: static fields initialise in order, and loading the official data needs these options.
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly FrozenSet<DateOnly> daysOff;
    private readonly FrozenSet<DateOnly> makeUpDays;
    private readonly FrozenDictionary<int, string> sources;

    private WorkingDayCalendar(string version, IEnumerable<DateOnly> daysOff, IEnumerable<DateOnly> makeUpDays, IDictionary<int, string> sources)
    {
        Version = version;
        this.daysOff = daysOff.ToFrozenSet();
        this.makeUpDays = makeUpDays.ToFrozenSet();
        this.sources = sources.ToFrozenDictionary();
    }

    /// <summary>Recorded in every Published event so that a replay uses the same data.</summary>
    public string Version { get; }

    public IReadOnlyCollection<int> Years => sources.Keys;

    public string SourceOf(int year) => sources.TryGetValue(year, out var source) ? source : throw new CalendarYearNotLoadedException(year);

    /// <summary>The calendar shipped with this build (the facts of shared/calendar-cn.md).</summary>
    public static WorkingDayCalendar Official { get; } = LoadEmbedded();

    public bool IsWorkingDay(DateOnly date)
    {
        EnsureLoaded(date.Year);
        if (makeUpDays.Contains(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !daysOff.Contains(date);
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

    private void EnsureLoaded(int year)
    {
        if (!sources.ContainsKey(year))
        {
            throw new CalendarYearNotLoadedException(year);
        }
    }

    public static WorkingDayCalendar Parse(string json)
    {
        var document = JsonSerializer.Deserialize<CalendarDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("The working-day calendar is empty.");
        var off = new List<DateOnly>();
        var makeUp = new List<DateOnly>();
        var sources = new Dictionary<int, string>();
        foreach (var year in document.Years)
        {
            sources.Add(year.Year, year.Source);
            off.AddRange(year.DaysOff.SelectMany(ExpandRange));
            makeUp.AddRange(year.MakeUpWorkingDays.Select(ParseDate));
        }

        return new WorkingDayCalendar(document.Version, off, makeUp, sources);
    }

    private static IEnumerable<DateOnly> ExpandRange(string text)
    {
        var parts = text.Split("..", 2);
        var first = ParseDate(parts[0]);
        var last = parts.Length == 2 ? ParseDate(parts[1]) : first;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static WorkingDayCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("TitleReview.Contracts.WorkingDays.calendar-cn.json")
            ?? throw new InvalidOperationException("The embedded working-day calendar is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed record CalendarDocument(string Version, IReadOnlyList<CalendarYear> Years);

    private sealed record CalendarYear(int Year, string Source, IReadOnlyList<string> DaysOff, IReadOnlyList<string> MakeUpWorkingDays);
}

public sealed class CalendarYearNotLoadedException(int year)
    : InvalidOperationException($"No State Council holiday notice is loaded for {year}; working days in {year} cannot be counted. / 尚未载入{year}年国务院节假日安排通知，无法计算该年工作日。")
{
    public int Year { get; } = year;
}
