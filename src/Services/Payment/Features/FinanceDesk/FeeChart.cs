using System.Globalization;
using System.Text;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>Fees assessed vs collected per day as a server-side SVG bar chart: no script, prints as it shows.</summary>
public static class FeeChart
{
    private const int Width = 760, Height = 280, Left = 60, Bottom = 40, Top = 30;

    public static string Svg(IReadOnlyList<DailyTotal> days)
    {
        var max = Math.Max(1m, days.Max(d => Math.Max(d.Assessed, d.Collected)));
        var plotHeight = Height - Bottom - Top;
        var slot = (double)(Width - Left - 10) / days.Count;
        var bar = Math.Max(2, slot * 0.35);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" aria-label=\"每日核定与实收评审费（元）\">");
        svg.Append("<title>每日核定与实收评审费（元）</title>");
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + plotHeight - plotHeight * i / 4.0;
            var value = max * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - 10}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{value:0}</text>");
        }

        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var x = Left + i * slot + slot / 2 - bar;
            Bar(svg, x, day.Assessed, max, plotHeight, bar, "#2a5d9f", $"{day.Day:MM-dd} 核定 {day.Assessed:0.00} 元");
            Bar(svg, x + bar, day.Collected, max, plotHeight, bar, "#3c9a5f", $"{day.Day:MM-dd} 实收 {day.Collected:0.00} 元");
            if (days.Count <= 16 || i % 2 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + i * slot + slot / 2:0.#}\" y=\"{Height - Bottom + 16}\" font-size=\"10\" text-anchor=\"middle\">{day.Day:MM-dd}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#2a5d9f\"/><text x=\"{Left + 16}\" y=\"18\" font-size=\"12\">核定</text>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left + 70}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#3c9a5f\"/><text x=\"{Left + 86}\" y=\"18\" font-size=\"12\">实收</text>")
            .Append("</svg>");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, double x, decimal value, decimal max, int plotHeight, double width, string colour, string label)
    {
        var height = (double)(value / max) * plotHeight;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{Top + plotHeight - height:0.#}\" width=\"{width:0.#}\" height=\"{height:0.#}\" fill=\"{colour}\"><title>{HtmlPage.E(label)}</title></rect>");
    }
}
