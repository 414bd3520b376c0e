using System.Diagnostics;

namespace TitleReview.Bench.Load;

/// <summary>
/// Steady rate: unit i is due at start + i / rate and is sent then, whether or not earlier ones were answered; its
/// latency counts from when it was due (no coordinated omission: a stall shows as the waiting it causes). The report
/// says how late the generator itself was in sending, so a client that could not keep up is seen, not hidden.
/// </summary>
public static class OpenLoop
{
    public static async Task<(TimeSpan Elapsed, double WorstSendLagMs)> RunAsync(PortalWork work, double rate, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var total = (long)(rate * duration.TotalSeconds);
        var inFlight = new List<Task>((int)Math.Min(total, int.MaxValue));
        var worstLag = 0.0;
        for (var i = 0L; i < total; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            worstLag = Math.Max(worstLag, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            inFlight.Add(Task.Run(() => work.RunOnceAsync(due)));
        }

        await Task.WhenAll(inFlight);
        return (Stopwatch.GetElapsedTime(start), worstLag);
    }
}
