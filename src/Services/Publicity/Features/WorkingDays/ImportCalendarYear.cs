using System.Globalization;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Publicity.Features.WorkingDays;

/// <summary>
/// One year of a State Council holiday notice as the administrator types it from the notice: days off as dates or
/// inclusive ranges ("2027-02-06..2027-02-13"), weekend make-up working days as dates, the notice's name and number,
/// and its date. <see cref="NewVersion"/> must be set to replace a year already loaded with different days.
/// </summary>
public sealed record ImportCalendarYearRequest(
    int? Year, IReadOnlyList<string>? DaysOff, IReadOnlyList<string>? MakeUpWorkingDays, string? Notice, string? NoticeDate, bool NewVersion = false);

/// <summary>A loaded year as the API shows it; <see cref="CalendarVersion"/> is what publicity now records.</summary>
public sealed record CalendarYearView(
    int Year, int Version, string Source, int WorkingDays, IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> MakeUpWorkingDays,
    string CalendarVersion, string? ImportedBy, DateTimeOffset? ImportedAt);

/// <summary>An administrator's import as typed, who is importing (the authenticated caller) and when.</summary>
public sealed record ImportCalendarYearCommand(ImportCalendarYearRequest? Request, string ImportedBy, DateTimeOffset Now);

/// <summary>What an accepted import does: nothing, for the same days already loaded, or append a new version.</summary>
public abstract record CalendarImport
{
    private CalendarImport()
    {
    }

    /// <summary>The year is already loaded with these very days: answered with what is loaded, nothing appended.</summary>
    public sealed record Unchanged(CalendarYear Loaded) : CalendarImport;

    public sealed record Imported(WorkingDayCalendarImported Event) : CalendarImport;
}

/// <summary>
/// The administrators' import of a new year's working days (or a corrected version of one). It is an event on the
/// calendar stream of the ledger, so the audit trail says who loaded which notice when, every service reads it from
/// there, and each version stays replayable for the Published events that counted with it.
/// </summary>
public static class ImportCalendarYear
{
    private const int MaxEntries = 100;
    private const int MaxNoticeLength = 200;

    public static RouteGroupBuilder MapCalendarYears(this RouteGroupBuilder group)
    {
        group.MapGet("/calendar-years", async (WorkingDayCalendars calendars, CancellationToken cancellationToken) =>
        {
            var set = await calendars.GetAsync(cancellationToken);
            return Results.Ok(set.Current.Years.Order().Select(year => View(set, set.Current.Year(year)!)).ToList());
        });
        return group;
    }

    public static RouteGroupBuilder MapImportCalendarYear(this RouteGroupBuilder group)
    {
        group.MapPost("/calendar-years", ImportCalendarYearAsync);
        return group;
    }

    private static async Task<IResult> ImportCalendarYearAsync(
            ImportCalendarYearRequest? request, HttpContext http, LedgerSessions sessions, WorkingDayCalendars calendars, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenForRequest(http);
        var stream = await session.Events.FetchForWriting<CalendarImports>(WorkingDayCalendarStream.Id, cancellationToken);
        var loaded = new WorkingDayCalendarSet(WorkingDayCalendar.Official, stream.Aggregate?.Imports ?? []);
        var command = new ImportCalendarYearCommand(request, LedgerSessions.ActingFor(http).UserId, clock.GetUtcNow());
        if (!Decide(loaded, command).Accepted(out var outcome, out var refusal))
        {
            return refusal.ToProblem();
        }

        if (outcome is CalendarImport.Unchanged unchanged)
        {
            return Results.Ok(View(loaded, unchanged.Loaded));
        }

        var imported = ((CalendarImport.Imported)outcome).Event;
        // Appended at the version fetched above: two administrators loading the same year at once cannot both win.
        stream.AppendOne(imported);
        await session.SaveChangesAsync(cancellationToken);

        var now = await calendars.RefreshAsync(cancellationToken);
        return Results.Created($"/api/working-days/calendar-years/{imported.Year}", View(now, CalendarYear.Of(imported)));
    }

    /// <summary>
    /// An import of one year (design.md, Working days): the request must be a complete, consistent year of a holiday
    /// notice (see <see cref="Validate"/>, dated by the Beijing date of <see cref="ImportCalendarYearCommand.Now"/>).
    /// A year not loaded yet is imported as version 1 past what is loaded (the shipped data is version 1); the same
    /// days again change nothing; different days replace a loaded year only as a new version, on request.
    /// </summary>
    public static Decision<CalendarImport> Decide(WorkingDayCalendarSet loaded, ImportCalendarYearCommand command)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(command);
        var (candidate, errors) = Validate(command.Request, ChinaTime.DateOfInstant(command.Now));
        if (candidate is null)
        {
            return Refusal.InvalidFields(errors);
        }

        var request = command.Request!;
        if (loaded.Current.Year(candidate.Year) is { } existing)
        {
            if (existing.SameDaysAs(candidate))
            {
                return new CalendarImport.Unchanged(existing);
            }

            if (!request.NewVersion)
            {
                return Refusal.Conflict("calendar-year-loaded", new(
                    $"{candidate.Year}年工作日安排已载入（第{existing.Version}版，{existing.Source}），与本次内容不同；如确为更正，请以 newVersion: true 导入新版本。",
                    $"The working-day calendar for {candidate.Year} is already loaded (version {existing.Version}, {existing.Source}) with different days; to correct it, import it again with newVersion: true."));
            }
        }

        return new CalendarImport.Imported(new WorkingDayCalendarImported(candidate.Year, (loaded.Current.Year(candidate.Year)?.Version ?? 0) + 1,
            candidate.DaysOff, candidate.MakeUpWorkingDays, request.Notice!.Trim(), DateOnly.ParseExact(request.NoticeDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            command.ImportedBy, command.Now));
    }

    private static CalendarYearView View(WorkingDayCalendarSet set, CalendarYear year)
    {
        var import = set.Imports.LastOrDefault(i => i.Year == year.Year && i.Version == year.Version);
        var days = WorkingDayCalendar.Official.With([year]).Count(new DateOnly(year.Year, 1, 1), new DateOnly(year.Year, 12, 31));
        return new CalendarYearView(year.Year, year.Version, year.Source, days, [.. year.DaysOff.Order()], [.. year.MakeUpWorkingDays.Order()],
            set.Current.Version, import?.ImportedBy, import?.ImportedAt);
    }

    /// <summary>Every problem at once, each naming its field; a year only when there is none.</summary>
    public static (CalendarYear? Year, IReadOnlyDictionary<string, IReadOnlyList<Bilingual>> Errors) Validate(ImportCalendarYearRequest? request, DateOnly today)
    {
        var errors = new Dictionary<string, List<Bilingual>>();
        void Add(string field, string chinese, string english) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(new(chinese, english));

        if (request?.Year is not (>= 2000 and <= 2099) || request.Year is not { } year)
        {
            Add("year", "year 须为 2000 到 2099 的年份。", "year must be a year from 2000 to 2099.");
            return (null, Flatten(errors));
        }

        if (string.IsNullOrWhiteSpace(request.Notice) || request.Notice.Trim().Length > MaxNoticeLength)
        {
            Add("notice", $"须填写通知名称与文号（不超过{MaxNoticeLength}字）。", $"notice (the notice's name and number, at most {MaxNoticeLength} characters) is required.");
        }

        if (!DateOnly.TryParseExact(request.NoticeDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var noticeDate))
        {
            Add("noticeDate", "须填写通知日期 YYYY-MM-DD。", "noticeDate must be a date as YYYY-MM-DD.");
        }
        else if (noticeDate > today || noticeDate.Year < year - 1 || noticeDate.Year > year)
        {
            Add("noticeDate", $"通知日期须在 {year - 1} 或 {year} 年内，且不晚于今天。", $"noticeDate must fall in {year - 1} or {year} and not after today.");
        }

        var daysOff = new HashSet<DateOnly>();
        if (request.DaysOff is not { Count: > 0 and <= MaxEntries })
        {
            Add("daysOff", $"须列出放假日期（1到{MaxEntries}项）。", $"daysOff must list 1 to {MaxEntries} dates or ranges.");
        }
        else
        {
            foreach (var entry in request.DaysOff)
            {
                if (!CalendarDates.TryExpand(entry, out var days))
                {
                    Add("daysOff", $"“{entry}”不是日期 YYYY-MM-DD 或日期区间 YYYY-MM-DD..YYYY-MM-DD。", $"'{entry}' is not a date or a range of dates.");
                }
                else if (days.Any(d => d.Year != year))
                {
                    Add("daysOff", $"“{entry}”不在{year}年内；跨年的假期只列出本年的日期。", $"'{entry}' is outside {year}; list only this year's days of a holiday that crosses the year.");
                }
                else
                {
                    // A weekend day off is accepted as the notice lists it (元旦 on a Saturday): it changes nothing, harms nothing.
                    daysOff.UnionWith(days);
                }
            }
        }

        var makeUp = new HashSet<DateOnly>();
        if (request.MakeUpWorkingDays is { Count: > MaxEntries })
        {
            Add("makeUpWorkingDays", $"调休上班日期不超过{MaxEntries}项。", $"makeUpWorkingDays lists at most {MaxEntries} dates.");
        }
        else
        {
            foreach (var entry in request.MakeUpWorkingDays ?? [])
            {
                if (!CalendarDates.TryExpand(entry, out var days) || days.Count != 1)
                {
                    Add("makeUpWorkingDays", $"“{entry}”不是日期 YYYY-MM-DD。", $"'{entry}' is not a date.");
                }
                else if (days[0].Year != year)
                {
                    Add("makeUpWorkingDays", $"{entry} 不在{year}年内。", $"{entry} is outside {year}.");
                }
                else if (!IsWeekend(days[0]))
                {
                    Add("makeUpWorkingDays", $"{entry} 不是周末：调休上班日只会是周六或周日。", $"{entry} is not a weekend day: a make-up working day is a Saturday or Sunday.");
                }
                else if (daysOff.Contains(days[0]))
                {
                    Add("makeUpWorkingDays", $"{entry} 同时列为放假日和上班日。", $"{entry} is listed both as a day off and as a make-up working day.");
                }
                else
                {
                    makeUp.Add(days[0]);
                }
            }
        }

        return errors.Count > 0
            ? (null, Flatten(errors))
            : (new CalendarYear(year, 0, request.Notice!.Trim(), [.. daysOff.Order()], [.. makeUp.Order()]), new Dictionary<string, IReadOnlyList<Bilingual>>());
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static Dictionary<string, IReadOnlyList<Bilingual>> Flatten(Dictionary<string, List<Bilingual>> errors) =>
        errors.ToDictionary(e => e.Key, e => (IReadOnlyList<Bilingual>)[.. e.Value]);
}
