using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TitleReview.BackOffice;
using TitleReview.BackOffice.Account;
using TitleReview.Domain;
using TitleReview.Gateway.Identity;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Web.Http;

namespace TitleReview.Gateway.Account;

/// <summary>
/// Signing in and out of the whole back office at once. The forms carry the gateway's anti-forgery token (a forged
/// cross-site sign-in could otherwise sign a victim in as the attacker); sign-in attempts are rate-limited per address.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(GatewaySession.LoginPath, (string? returnUrl, IConfiguration configuration) =>
            SignInPage(configuration, ReturnUrls.Local(returnUrl), error: null));

        app.MapPost(GatewaySession.LoginPath, ([FromForm] SignInForm form, HttpContext http, IConfiguration configuration,
            BackOfficeUserDirectory users) =>
            PasswordSignIn.HandleAsync(form, http, users, GatewaySession.Scheme,
                (returnUrl, error) => SignInPage(configuration, returnUrl, error, StatusCodes.Status400BadRequest)))
        .RequireRateLimiting(GatewaySession.SignInRateLimitPolicy);

        app.MapPost("/account/logout", SignOutAsync);

        app.MapGet("/account/login/oidc", (string? returnUrl, IConfiguration configuration) =>
            OpenIdConnectSignIn.IsConfigured(configuration)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.Local(returnUrl) }, [OpenIdConnectSignIn.Scheme])
                : Problems.NotFound(new("未配置统一身份认证。", "No identity provider is configured.")));
        return app;
    }

    /// <summary>
    /// Ends the one session (so every service at once); a person who came through the identity provider is then sent
    /// there to end its session too, and comes back to the sign-in page.
    /// </summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, IConfiguration configuration)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: Problems.TitleFor(StatusCodes.Status400BadRequest),
                detail: new Bilingual("缺少或无效的防伪令牌：请从本系统页面退出。", "The anti-forgery token is missing or invalid: sign out from a page of this site.").ToString(),
                type: "https://titlereview.example/problems/antiforgery");
        }

        var signedOut = new AuthenticationProperties { RedirectUri = GatewaySession.LoginPath };
        // The provider's id_token (kept in the session) goes to its end-session endpoint: read it before the session ends.
        if (OpenIdConnectSignIn.IsConfigured(configuration) && await http.GetTokenAsync(GatewaySession.Scheme, "id_token") is not null)
        {
            await http.SignOutAsync(OpenIdConnectSignIn.Scheme, signedOut);
            await http.SignOutAsync(GatewaySession.Scheme);
            return Results.Empty;
        }

        await http.SignOutAsync(GatewaySession.Scheme);
        return Results.LocalRedirect(GatewaySession.LoginPath);
    }

    private static RazorComponentResult<SignInPage> SignInPage(IConfiguration configuration, string returnUrl, string? error, int status = StatusCodes.Status200OK) =>
        Pages.Render<SignInPage>(new { ReturnUrl = returnUrl, Error = error, OidcAvailable = OpenIdConnectSignIn.IsConfigured(configuration) }, status);
}
