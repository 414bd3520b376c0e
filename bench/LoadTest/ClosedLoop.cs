using System.Diagnostics;

namespace TitleReview.Bench.Load;

/// <summary>
/// Deadline rush: <c>portals</c> concurrent portals, each sending its next unit the moment the last one was answered,
/// until the duration is over (or <c>limit</c> units were started: the seed). Throughput is what the system lets
/// through; latency here hides waiting, since a slow answer also delays the next request.
/// </summary>
public static class ClosedLoop
{
    public static async Task<TimeSpan> RunAsync(PortalWork work, int portals, TimeSpan duration, long limit = long.MaxValue)
    {
        var clock = Stopwatch.StartNew();
        var started = 0L;
        await Task.WhenAll(Enumerable.Range(0, portals).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration && Interlocked.Increment(ref started) <= limit)
            {
                await work.RunOnceAsync(Stopwatch.GetTimestamp());
            }
        })));
        return clock.Elapsed;
    }
}
