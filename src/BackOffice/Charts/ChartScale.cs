namespace TitleReview.BackOffice.Charts;

/// <summary>
/// The value axis of a chart: round steps (1, 2 or 5 × 10ⁿ) from zero up to at least the largest value, so labels
/// never repeat (the old axis read 1, 1, 1, 0, 0 when nothing was assessed) and an all-zero chart still has a true scale.
/// </summary>
public static class ChartScale
{
    private static readonly decimal[] Factors = [1m, 2m, 5m, 10m];

    public static IReadOnlyList<decimal> Ticks(decimal max, int intervals = 4, bool wholeNumbers = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervals, 1);
        var top = Math.Max(0m, max);
        var raw = top == 0 ? 1m : top / intervals;
        var magnitude = Pow10((int)Math.Floor(Math.Log10((double)raw)));
        var step = Factors.Select(factor => factor * magnitude).First(candidate => candidate >= raw);
        if (wholeNumbers)
        {
            step = Math.Max(1m, Math.Ceiling(step));
        }

        var count = Math.Max(intervals, (int)Math.Ceiling(top / step));
        return [.. Enumerable.Range(0, count + 1).Select(i => i * step)];
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            value = exponent > 0 ? value * 10 : value / 10;
        }

        return value;
    }
}
