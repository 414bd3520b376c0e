using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace TitleReview.Web.Http;

/// <summary>
/// The frame of the back-office pages (server-rendered, Chinese, no JavaScript needed). Every value put into a page
/// goes through <see cref="E"/>: markup characters are always encoded, Chinese stays readable in the source.
/// </summary>
public static class HtmlPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(object? value) => Encoder.Encode(value?.ToString() ?? "");

    /// <param name="section">The system part shown after the title, e.g. 职称评审审计.</param>
    /// <param name="navigation">Links at the top: (href, Chinese label).</param>
    public static IResult Render(string title, string section, IEnumerable<(string Href, string Label)> navigation, string body, int refreshSeconds = 0, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refreshSeconds > 0)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"").Append(refreshSeconds).Append("\">");
        }

        html.Append("<title>").Append(E(title)).Append(" - ").Append(E(section)).Append("</title>").Append("""
            <style>
              body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:1.5rem auto;max-width:72rem;color:#222;padding:0 1rem}
              nav a{margin-right:1rem} h1{font-size:1.5rem;color:#234} h2{font-size:1.15rem;margin-top:1.8rem}
              table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
              th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top} th{background:#f2f4f7}
              td.num{text-align:right;font-variant-numeric:tabular-nums}
              ol.timeline{list-style:none;padding-left:0;border-left:3px solid #2a5d9f} ol.timeline li{margin:0 0 1rem 1rem}
              .meta{color:#555;font-size:.9rem} pre{background:#f7f7f7;padding:.5rem;white-space:pre-wrap;word-break:break-all;margin:.3rem 0}
              .finding,.err{background:#fdecea;padding:.5rem;margin:.4rem 0} .ok{background:#e8f5e9;padding:.5rem}
              .overdue{color:#b00;font-weight:bold} form.inline label{margin-right:.8rem} progress{width:100%;height:1.2rem}
            </style></head><body><nav>
            """);
        foreach (var (href, label) in navigation)
        {
            html.Append("<a href=\"").Append(E(href)).Append("\">").Append(E(label)).Append("</a>");
        }

        html.Append("</nav><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>Previous/next links for a paged list; <paramref name="link"/> builds the href of a page number.</summary>
    public static string Pager(int page, int size, long total, Func<int, string> link)
    {
        var html = new StringBuilder("<p class=\"meta\">");
        html.Append("共 ").Append(total).Append(" 条");
        if (page > 1)
        {
            html.Append(" · <a href=\"").Append(E(link(page - 1))).Append("\">上一页</a>");
        }

        if ((long)page * size < total)
        {
            html.Append(" · <a href=\"").Append(E(link(page + 1))).Append("\">下一页</a>");
        }

        return html.Append("</p>").ToString();
    }
}
