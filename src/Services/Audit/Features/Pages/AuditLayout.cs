using TitleReview.ServiceDefaults.Http;

namespace TitleReview.Audit.Features.Pages;

/// <summary>The audit pages' frame and names; the page itself and its encoding come from <see cref="HtmlPage"/>.</summary>
public static class AuditLayout
{
    private static readonly (string Href, string Label)[] Navigation = [("/audit", "申报查询"), ("/audit/verifications", "规则核验")];

    public static string E(object? value) => HtmlPage.E(value);

    public static IResult Page(string title, string body, int refreshSeconds = 0) =>
        HtmlPage.Render(title, "职称评审审计", Navigation, body, refreshSeconds);

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
