using TitleReview.Web.Http;

namespace TitleReview.Audit.Features.Pages;

/// <summary>The audit pages' frame and names; the page itself and its encoding come from <see cref="HtmlPage"/>.</summary>
public static class AuditLayout
{
    private static readonly (string Href, string Label)[] Navigation = [("/audit", "申报查询"), ("/audit/verifications", "规则核验")];

    public static string E(object? value) => HtmlPage.E(value);

    public static IResult Page(string title, string body, int refreshSeconds = 0) =>
        HtmlPage.Render(title, "职称评审审计", Navigation, body, refreshSeconds);

    public static string EventName(string storedName) => TitleReview.Contracts.Events.EventNames.Chinese(storedName);
}
