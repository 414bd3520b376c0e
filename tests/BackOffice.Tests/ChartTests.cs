using System.Text.RegularExpressions;
using TitleReview.BackOffice.Charts;

namespace TitleReview.BackOffice.Tests;

public sealed partial class ChartTests
{
    [Theory]
    [InlineData(0, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(1, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(4, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(7, new[] { 0, 2, 4, 6, 8 })]
    [InlineData(23, new[] { 0, 10, 20, 30, 40 })]
    [InlineData(600, new[] { 0, 200, 400, 600, 800 })]
    public void Whole_number_axes_have_distinct_round_ticks_from_zero_past_the_largest_value(int max, int[] expected)
    {
        var ticks = ChartScale.Ticks(max, wholeNumbers: true);
        Assert.Equal(expected.Select(t => (decimal)t), ticks);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.3")]
    [InlineData("1")]
    [InlineData("350")]
    [InlineData("1234567.89")]
    [InlineData("79228162514264337593543950")]
    public void Money_axes_never_repeat_a_label_and_reach_the_largest_value(string maxText)
    {
        var max = decimal.Parse(maxText, System.Globalization.CultureInfo.InvariantCulture);
        var ticks = ChartScale.Ticks(max);
        Assert.Equal(0m, ticks[0]);
        Assert.True(ticks[^1] >= max);
        Assert.Equal(ticks.Count, ticks.Select(t => t.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)).Distinct().Count());
    }

    [Fact]
    public async Task A_chart_of_zeros_reads_0_to_4_on_its_axis_and_draws_no_bar_above_the_baseline()
    {
        var html = await Render.HtmlAsync<BarChart>(new()
        {
            [nameof(BarChart.Title)] = "每日核定与实收评审费（元）",
            [nameof(BarChart.Categories)] = new[] { "06-01", "06-02" },
            [nameof(BarChart.Series)] = new[] { new ChartSeries("核定", Palette.Blue, [0m, 0m]), new ChartSeries("实收", Palette.Green, [0m, 0m]) },
        });

        var labels = AxisLabel().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["0", "1", "2", "3", "4"], labels);
        Assert.All(RectHeight().Matches(html).Select(m => m.Groups[1].Value).Where(h => h != "12"), h => Assert.Equal("0", h));
        Assert.Contains("role=\"img\"", html);
        Assert.Contains("aria-label=\"每日核定与实收评审费（元）\"", html);
    }

    [Fact]
    public async Task Names_in_a_chart_are_encoded()
    {
        var html = await Render.HtmlAsync<BarChart>(new()
        {
            [nameof(BarChart.Title)] = "<script>alert(1)</script>",
            [nameof(BarChart.Categories)] = new[] { "<b>x</b>" },
            [nameof(BarChart.Series)] = new[] { new ChartSeries("<i>s</i>", Palette.Blue, [5m]) },
        });

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<i>", html);
    }

    [GeneratedRegex("<text[^>]*text-anchor=\"end\"[^>]*>([^<]*)</text>")]
    private static partial Regex AxisLabel();

    [GeneratedRegex("<rect [^>]*height=\"([0-9.]+)\"")]
    private static partial Regex RectHeight();
}
