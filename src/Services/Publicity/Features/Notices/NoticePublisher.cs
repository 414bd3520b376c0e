using Marten;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Publicity;
using TitleReview.Domain.WorkingDays;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.EventStore;
using TitleReview.Domain.Lifecycle;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Publicity.Features.Notices;

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

    /// <summary>
    /// Publishes everything pending as one notice per cycle. Payment appends FeeAssessed to the same streams at the
    /// same moment (both react to FinalApproved), so a publish can lose the optimistic-concurrency race: it is then
    /// simply done again from a fresh read, never half-applied.
    /// </summary>
    public async Task<IReadOnlyList<PublicityNotice>> PublishPendingAsync(ActingContext acting, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PublishOnceAsync(acting, cancellationToken);
            }
            catch (JasperFx.ConcurrencyException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<PublicityNotice>> PublishOnceAsync(ActingContext acting, CancellationToken cancellationToken)
    {
        var calendar = await calendars.CurrentAsync(cancellationToken);
        await using var session = sessions.Open(acting);
        var pending = await session.Query<PendingNoticeEntry>().OrderBy(e => e.ApprovedAt).ToListAsync(cancellationToken);
        var published = new List<PublicityNotice>();
        foreach (var cycleEntries in pending.GroupBy(e => e.CycleId))
        {
            var cycle = cycles.Get(cycleEntries.Key);
            var now = clock.GetUtcNow();
            var days = Math.Max(PublicityRuleCheck.MinimumWorkingDays, cycle.PublicityWorkingDays);
            var start = calendar.OnOrAfter(clock.Today());
            var notice = new PublicityNotice
            {
                Id = Guid.CreateVersion7(now),
                CycleId = cycle.Id,
                CommitteeName = cycle.CommitteeName,
                Number = $"{cycle.Year}-{await session.Query<PublicityNotice>().CountAsync(n => n.CycleId == cycle.Id, cancellationToken) + 1:000}",
                Start = start,
                End = calendar.EndOfPeriod(start, days),
                WorkingDays = days,
                CalendarVersion = calendar.Version,
                PublishedAt = now,
                PublishedBy = acting.UserId,
            };

            foreach (var entry in cycleEntries)
            {
                session.Delete(entry);
                var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(entry.Id, cancellationToken);
                if (stream.Aggregate is not { FinalApproved: true, PublicityNoticeId: null, IsTerminal: false })
                {
                    continue;
                }

                stream.AppendOne(new Published(entry.Id, notice.Id, notice.Start, notice.End, days, calendar.Version, now));
                session.Store(new PublicityPeriod { Id = entry.Id, NoticeId = notice.Id, Start = notice.Start, End = notice.End, CalendarVersion = calendar.Version });
                notice.Entries.Add(new NoticeEntry(entry.Id, entry.ApplicantName, entry.Employer, entry.Specialty, entry.Level));
            }

            if (notice.Entries.Count > 0)
            {
                session.Store(notice);
                published.Add(notice);
            }
        }

        await session.SaveChangesAsync(cancellationToken);
        return published;
    }
}
