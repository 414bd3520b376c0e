using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// A person's sign-in cookie goes with every request their browser sends, whichever site started it; a cross-site
/// form or script could borrow it. So every state-changing request (any method but GET, HEAD, OPTIONS, TRACE) that the
/// cookie authenticates must carry the anti-forgery token, as a form field or in the <c>RequestVerificationToken</c>
/// header, whatever the endpoint says: one check here instead of one per endpoint that could be forgotten (uploads
/// opt out of the framework's form check for API-key callers). Machines authenticate with an API key, which a browser
/// never adds on its own, and send no token; anonymous endpoints act for no one. A person coming through the gateway
/// arrives with <c>Authorization: Bearer</c> too, but the gateway adds it to whatever their browser sends, forged
/// cross-site forms included: so only an API key spares the token, never the mere presence of the header.
/// </summary>
public static class CookieAntiforgery
{
    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (NeedsToken(http) && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: Problems.TitleFor(StatusCodes.Status400BadRequest),
                    detail: new Bilingual("缺少或无效的防伪令牌：请从本系统页面提交。", "The anti-forgery token is missing or invalid: submit from a page of this site.").ToString(),
                    type: "https://titlereview.example/problems/antiforgery").ExecuteAsync(http);
                return;
            }

            await next(http);
        });

    private static bool NeedsToken(HttpContext http) =>
        !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        && http.User.Identity?.IsAuthenticated == true
        && http.User.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName
        && http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null;
}
