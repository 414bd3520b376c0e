using System.Globalization;
using Marten;
using JasperFx.Events;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Publicity;
using TitleReview.Domain.WorkingDays;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.EventStore;
using TitleReview.Domain.Lifecycle;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>A pending entry with its application as the ledger tells it now (null when the ledger has no such stream).</summary>
public sealed record PendingApplication(PendingNoticeEntry Entry, ApplicationLifecycle? Application);

/// <summary>
/// What is waiting for one cycle's next notice: the cycle, the numbers its notices already carry, the pending entries
/// in the order they were approved, and the id the new notice takes.
/// </summary>
public sealed record CycleQueue(ReviewCycle Cycle, IReadOnlyCollection<string> IssuedNumbers, IReadOnlyList<PendingApplication> Pending, Guid NoticeId);

/// <summary>Publish what is pending with this calendar, starting from <paramref name="Today"/> (a Beijing date).</summary>
public sealed record PublishNotices(WorkingDayCalendar Calendar, string PublishedBy, DateOnly Today, DateTimeOffset Now);

/// <summary>One notice to store, with a Published event and a publicity period for each application on it.</summary>
public sealed record NoticeToPublish(PublicityNotice Notice, IReadOnlyList<Published> Events, IReadOnlyList<PublicityPeriod> Periods);

/// <summary>
/// Publishes everything pending for a cycle as one notice: from the first working day on or after today, for the
/// cycle's working days (never fewer than 5), with the calendar version recorded on the notice and in every
/// Published event. One transaction: the notice, every Published and every completion record commit together. A period
/// that reaches a year whose calendar is not loaded throws <see cref="CalendarYearNotLoadedException"/> before anything
/// is written: the officer gets a 422 naming the year, and the entries stay pending until the year is imported.
/// </summary>
public sealed class NoticePublisher(LedgerSessions sessions, WorkingDayCalendars calendars, ReviewCycleCatalogue cycles, TimeProvider clock)
{
    private const int Attempts = 5;

    public static readonly Refusal NothingPending = Refusal.Conflict("notice-nothing-pending",
        new("没有待公示的申报。", "Nothing is waiting to be published."));

    /// <summary>
    /// Publishes everything pending as one notice per cycle. Payment appends FeeAssessed to the same streams at the
    /// same moment (both react to FinalApproved), so a publish can lose the optimistic-concurrency race: it is then
    /// simply done again from a fresh read, never half-applied. Two publishes at once (the officer's button and the
    /// automatic job, or two instances) can also pick the same next number for different entries: the unique index on
    /// (cycle, number) refuses the second, which is then done again and takes the number after.
    /// </summary>
    public async Task<Decision<NoticeToPublish[]>> PublishPendingAsync(ActingContext acting, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PublishOnceAsync(acting, cancellationToken);
            }
            catch (Exception e) when (attempt < Attempts && (e is JasperFx.ConcurrencyException || NumberTaken(e)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Whether <paramref name="exception"/> is the notice table's unique (cycle, number) index refusing a number.</summary>
    public static bool NumberTaken(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, TableName: "mt_doc_publicitynotice" })
            {
                return true;
            }
        }

        return false;
    }

    private async Task<Decision<NoticeToPublish[]>> PublishOnceAsync(ActingContext acting, CancellationToken cancellationToken)
    {
        var calendar = await calendars.CurrentAsync(cancellationToken);
        await using var session = sessions.Open(acting);
        var pending = await session.Query<PendingNoticeEntry>().OrderBy(e => e.ApprovedAt).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var queues = new List<CycleQueue>();
        var streams = new Dictionary<Guid, IEventStream<ApplicationLifecycle>>();
        foreach (var cycleEntries in pending.GroupBy(e => e.CycleId))
        {
            var cycle = cycles.Get(cycleEntries.Key);
            var issued = await session.Query<PublicityNotice>().Where(n => n.CycleId == cycle.Id).Select(n => n.Number).ToListAsync(cancellationToken);
            var applications = new List<PendingApplication>();
            foreach (var entry in cycleEntries)
            {
                // Fetched for writing: each Published is appended at the version read here.
                var stream = streams[entry.Id] = await session.Events.FetchForWriting<ApplicationLifecycle>(entry.Id, cancellationToken);
                applications.Add(new PendingApplication(entry, stream.Aggregate));
            }

            queues.Add(new CycleQueue(cycle, issued, applications, Guid.CreateVersion7(now)));
        }

        var decision = Decide(queues, new PublishNotices(calendar, acting.UserId, ChinaTime.DateOfInstant(now), now));

        // Every entry read leaves the queue: onto a notice, or dropped because its application may no longer be published.
        foreach (var entry in pending)
        {
            session.Delete(entry);
        }

        foreach (var published in decision.Outcome ?? [])
        {
            session.Store(published.Notice);
            foreach (var @event in published.Events)
            {
                streams[@event.ApplicationId].AppendOne(@event);
            }

            foreach (var period in published.Periods)
            {
                session.Store(period);
            }
        }

        await session.SaveChangesAsync(cancellationToken);
        return decision;
    }

    /// <summary>
    /// One notice per cycle with anything publishable, numbered "{year}-{nnn}" after the notices the cycle already has.
    /// An application is published only while finally approved, not yet published and not terminated; a cycle none of
    /// whose entries qualifies gets no notice. Each period is the cycle's working days, never fewer than 5 (notice
    /// 四(一)), from the first working day on or after today. Refused when no notice results at all.
    /// Throws <see cref="CalendarYearNotLoadedException"/> when a period reaches a year the calendar lacks.
    /// </summary>
    public static Decision<NoticeToPublish[]> Decide(IReadOnlyList<CycleQueue> queues, PublishNotices command)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(command);
        var notices = new List<NoticeToPublish>();
        foreach (var queue in queues)
        {
            // The period is counted before the entries are looked at, so a missing calendar year stops the publication
            // (and keeps every entry pending) even for a cycle whose entries have all gone stale.
            var days = Math.Max(PublicityRuleCheck.MinimumWorkingDays, queue.Cycle.PublicityWorkingDays);
            var start = command.Calendar.OnOrAfter(command.Today);
            var end = command.Calendar.EndOfPeriod(start, days);
            var publishable = queue.Pending.Where(p => p.Application is { FinalApproved: true, PublicityNoticeId: null, IsTerminal: false })
                .DistinctBy(p => p.Entry.Id).ToList();
            if (publishable.Count == 0)
            {
                continue;
            }

            var notice = new PublicityNotice
            {
                Id = queue.NoticeId,
                CycleId = queue.Cycle.Id,
                CommitteeName = queue.Cycle.CommitteeName,
                Number = NextNumber(queue.Cycle.Year, queue.IssuedNumbers),
                Start = start,
                End = end,
                WorkingDays = days,
                CalendarVersion = command.Calendar.Version,
                PublishedAt = command.Now,
                PublishedBy = command.PublishedBy,
            };

            notice.Entries.AddRange(publishable.Select(p => new NoticeEntry(p.Entry.Id, p.Entry.ApplicantName, p.Entry.Employer, p.Entry.Specialty, p.Entry.Level)));
            notices.Add(new NoticeToPublish(notice,
                [.. publishable.Select(p => new Published(p.Entry.Id, notice.Id, notice.Start, notice.End, days, notice.CalendarVersion, command.Now))],
                [.. publishable.Select(p => new PublicityPeriod { Id = p.Entry.Id, NoticeId = notice.Id, Start = notice.Start, End = notice.End, CalendarVersion = notice.CalendarVersion })]));
        }

        return notices.Count == 0 ? NothingPending : notices.ToArray();
    }

    /// <summary>
    /// The cycle's next number: one more than the notices it has ("2023-003" after two), and past any number already
    /// issued, so two notices never share one.
    /// </summary>
    public static string NextNumber(int year, IReadOnlyCollection<string> issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        for (var sequence = issued.Count + 1; ; sequence++)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"{year}-{sequence:000}");
            if (!issued.Contains(number, StringComparer.Ordinal))
            {
                return number;
            }
        }
    }
}
