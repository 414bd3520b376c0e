using System.Collections.Concurrent;
using System.Globalization;
using TitleReview.Contracts.Events;

namespace TitleReview.Domain.WorkingDays;

/// <summary>
/// The shipped calendar plus every year imported into the ledger, in the order they were imported: the current
/// calendar (the latest version of each year) and any earlier version by the name a Published event recorded.
/// </summary>
public sealed class WorkingDayCalendarSet
{
    private readonly WorkingDayCalendar shipped;
    private readonly Dictionary<(int Year, int Version), CalendarYear> imported;
    private readonly ConcurrentDictionary<string, WorkingDayCalendar?> byVersion = new(StringComparer.Ordinal);

    public WorkingDayCalendarSet(WorkingDayCalendar shipped, IReadOnlyList<WorkingDayCalendarImported> imports)
    {
        this.shipped = shipped;
        Imports = imports;
        var years = imports.Select(CalendarYear.Of).ToList();
        imported = years.GroupBy(y => (y.Year, y.Version)).ToDictionary(g => g.Key, g => g.Last());
        Current = shipped.With(years.GroupBy(y => y.Year).Select(g => g.MaxBy(y => y.Version)!));
        byVersion[shipped.Version] = shipped;
        byVersion[Current.Version] = Current;
    }

    /// <summary>What is counted with today: the latest version of every year.</summary>
    public WorkingDayCalendar Current { get; }

    public IReadOnlyList<WorkingDayCalendarImported> Imports { get; }

    /// <summary>The calendar a version string names, or null when this build or this ledger does not hold it.</summary>
    public WorkingDayCalendar? ForVersion(string version) => byVersion.GetOrAdd(version, Build);

    private WorkingDayCalendar? Build(string version)
    {
        var parts = version.Split('+');
        if (parts[0] != shipped.Version)
        {
            return null;
        }

        var years = new List<CalendarYear>();
        foreach (var part in parts.Skip(1))
        {
            var yearAndVersion = part.Split('.');
            if (yearAndVersion.Length != 2
                || !int.TryParse(yearAndVersion[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || !int.TryParse(yearAndVersion[1], NumberStyles.None, CultureInfo.InvariantCulture, out var yearVersion)
                || !imported.TryGetValue((year, yearVersion), out var data))
            {
                return null;
            }

            years.Add(data);
        }

        var calendar = shipped.With(years);
        return calendar.Version == version ? calendar : null;
    }
}

/// <summary>How long the loaded calendar lasts from today, and whether it is time to import the next year's notice.</summary>
public sealed record CalendarRunway(DateOnly? LastDay, bool RunningOut, Bilingual Reason)
{
    /// <summary>The health check's description ("中文 / English").</summary>
    public string Description => Reason.ToString();

    /// <summary>Warn this many days ahead: the State Council usually publishes the next year's notice in November.</summary>
    public const int WarningDays = 30;

    public static CalendarRunway Of(WorkingDayCalendar calendar, DateOnly today)
    {
        if (calendar.LoadedThrough(today) is not { } last)
        {
            // Today's own year is missing: the run ended on the last day of the latest year before it, if any.
            var before = calendar.Years.Where(y => y < today.Year).DefaultIfEmpty().Max();
            DateOnly? ended = before == 0 ? null : new DateOnly(before, 12, 31);
            return new(ended, true,
                new($"工作日历已于 {ended:yyyy-MM-dd} 用完，{today.Year}年工作日安排尚未导入。", $"The working-day calendar ran out on {ended:yyyy-MM-dd}: the calendar for {today.Year} has not been loaded."));
        }

        var next = last.Year + 1;
        return today >= last.AddDays(-WarningDays)
            ? new(last, true, new($"工作日历只到 {last:yyyy-MM-dd}，请导入{next}年国务院节假日安排。", $"The working-day calendar runs out on {last:yyyy-MM-dd}: load the State Council holiday notice for {next}."))
            : new(last, false, new($"工作日历已载入至 {last:yyyy-MM-dd}。", $"The working-day calendar is loaded through {last:yyyy-MM-dd}."));
    }
}
