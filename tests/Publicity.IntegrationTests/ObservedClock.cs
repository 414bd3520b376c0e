using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>
/// The business clock as one polling job reads it, observed from the test: the job is built as the service builds it,
/// except that its clock records every reading. A job that reads the clock once a run and decides on that reading
/// thereby tells the test when a run has happened, so a test that expects nothing to happen waits for runs, not for
/// a guessed time. PollingJob runs one after another, so a reading in a later run means the earlier run has finished.
/// Everything else in the service keeps the business clock itself.
/// </summary>
public sealed class ObservedClock
{
    /// <summary>Readings at least this far apart come from different runs: half the test host's poll of one second.</summary>
    private static readonly TimeSpan RunGap = TimeSpan.FromMilliseconds(500);

    private readonly Lock gate = new();
    private readonly List<(long At, DateTimeOffset Read)> readings = [];

    /// <summary>How many times the job has read the clock so far.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return readings.Count;
            }
        }
    }

    /// <summary>Replaces the registration of <typeparamref name="TJob"/> with the same job reading this clock (call in ConfigureTestServices).</summary>
    public void ObserveJob<TJob>(IServiceCollection services) where TJob : class, IHostedService
    {
        var registered = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TJob));
        services.Remove(registered);
        services.AddSingleton<IHostedService>(provider =>
            ActivatorUtilities.CreateInstance<TJob>(provider, new Reading(provider.GetRequiredService<TimeProvider>(), this)));
    }

    /// <summary>
    /// Waits until the job has read the clock in <paramref name="runs"/> different runs after the first
    /// <paramref name="mark"/> readings, and returns the business time each of those runs read.
    /// </summary>
    public async Task<IReadOnlyList<DateTimeOffset>> RunsAfterAsync(int mark, int runs, TimeSpan timeout)
    {
        IReadOnlyList<DateTimeOffset> seen = [];
        await Eventually.ReturnsAsync(() => Task.FromResult<IReadOnlyList<DateTimeOffset>?>(seen = RunsAfter(mark)),
            found => found.Count >= runs, timeout, $"{runs} runs of the job after reading {mark}");
        return [.. seen.Take(runs)];
    }

    private List<DateTimeOffset> RunsAfter(int mark)
    {
        lock (gate)
        {
            var found = new List<DateTimeOffset>();
            long? last = null;
            foreach (var (at, read) in readings.Skip(mark))
            {
                if (last is null || Stopwatch.GetElapsedTime(last.Value, at) >= RunGap)
                {
                    found.Add(read);
                    last = at;
                }
            }

            return found;
        }
    }

    private void Record(DateTimeOffset read)
    {
        lock (gate)
        {
            readings.Add((Stopwatch.GetTimestamp(), read));
        }
    }

    private sealed class Reading(TimeProvider business, ObservedClock observer) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            var now = business.GetUtcNow();
            observer.Record(now);
            return now;
        }

        public override TimeZoneInfo LocalTimeZone => business.LocalTimeZone;

        public override long TimestampFrequency => business.TimestampFrequency;

        public override long GetTimestamp() => business.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            business.CreateTimer(callback, state, dueTime, period);
    }
}
