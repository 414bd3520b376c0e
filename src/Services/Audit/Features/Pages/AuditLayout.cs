using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace TitleReview.Audit.Features.Pages;

/// <summary>The frame of every audit page; every value put into a page goes through <see cref="E"/>.</summary>
public static class AuditLayout
{
    // Chinese stays readable in the source; markup characters are still always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(object? value) => Encoder.Encode(value?.ToString() ?? "");

    public static IResult Page(string title, string body, int refreshSeconds = 0)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refreshSeconds > 0)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"").Append(refreshSeconds).Append("\">");
        }

        html.Append("<title>").Append(E(title)).Append(" - 职称评审审计</title>").Append("""
            <style>
              body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:1.5rem auto;max-width:72rem;color:#222;padding:0 1rem}
              nav a{margin-right:1rem} h1{font-size:1.5rem;color:#234} table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
              th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top} th{background:#f2f4f7}
              ol.timeline{list-style:none;padding-left:0;border-left:3px solid #2a5d9f} ol.timeline li{margin:0 0 1rem 1rem}
              .meta{color:#555;font-size:.9rem} pre{background:#f7f7f7;padding:.5rem;white-space:pre-wrap;word-break:break-all;margin:.3rem 0}
              .finding{background:#fdecea;padding:.5rem;margin:.4rem 0} .ok{background:#e8f5e9;padding:.5rem}
              form.inline label{margin-right:.8rem} progress{width:100%;height:1.2rem}
            </style></head><body>
            <nav><a href="/audit">申报查询</a><a href="/audit/verifications">规则核验</a></nav>
            """);
        html.Append("<h1>").Append(E(title)).Append("</h1>").Append(body).Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>Chinese names of the stored event types, for the timeline.</summary>
    public static string EventName(string storedName) => storedName switch
    {
        "application_submitted" => "提交申报",
        "application_resubmitted" => "修改后重新提交",
        "application_withdrawn" => "撤回申报",
        "review_started" => "开始审核",
        "revision_requested" => "退回修改",
        "final_approved" => "终审通过",
        "application_rejected" => "审核不通过",
        "committee_decided" => "评委会集中评审",
        "published" => "评审公示",
        "objection_lodged" => "收到公示异议",
        "objection_resolved" => "异议处理完毕",
        "publicity_completed" => "公示完成",
        "fee_assessed" => "核定评审费",
        "fee_paid" => "缴费到账",
        "fee_refunded" => "退费",
        "application_lapsed" => "逾期未缴费，视作放弃",
        "certificate_issued" => "发放职称电子证书",
        "certificate_revoked" => "撤销证书",
        _ => storedName,
    };
}
