using System.Diagnostics;

namespace TitleReview.Bench.Load;

/// <summary>
/// Steady rate: unit i is due at start + i / rate and is sent then, whether or not earlier ones were answered; its
/// latency counts from when it was due (no coordinated omission: a stall shows as the waiting it causes). The report
/// says how late the generator itself was in sending, so a client that could not keep up is seen, not hidden, and
/// how long the last answers took to come in after the last unit was sent (the drain).
/// </summary>
public static class OpenLoop
{
    /// <summary>Sends <paramref name="unit"/>(i, due timestamp) for i = 0, 1, … at <paramref name="rate"/> a second.</summary>
    public static async Task<(TimeSpan Drain, double WorstSendLagMs)> RunAsync(Func<long, long, Task> unit, double rate, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var total = (long)Math.Round(rate * duration.TotalSeconds);
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
            var index = i;
            inFlight.Add(Task.Run(() => unit(index, due)));
        }

        var lastSent = Stopwatch.GetTimestamp();
        await Task.WhenAll(inFlight);
        return (Stopwatch.GetElapsedTime(lastSent), worstLag);
    }
}
