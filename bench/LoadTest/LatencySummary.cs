namespace TitleReview.Bench.Load;

/// <summary>Percentiles of a set of durations in milliseconds (nearest rank: p99 is a time some request really took).</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.90), Rank(0.99), sorted[^1]);
    }

    public override string ToString() => Count == 0
        ? "none"
        : $"p50 {P50:F1} ms · p90 {P90:F1} ms · p99 {P99:F1} ms · max {Max:F1} ms (n={Count:N0})";

    /// <summary>The same for a markdown cell.</summary>
    public string Cell() => Count == 0 ? "–" : $"{P50:F0} / {P90:F0} / {P99:F0} / {Max:F0} ms";
}
