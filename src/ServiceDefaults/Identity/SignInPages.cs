using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using TitleReview.BackOffice;
using TitleReview.BackOffice.Account;
using TitleReview.Web.Http;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>The sign-in form's fields (a class: form binding needs every constructor value, and returnUrl is optional).</summary>
public sealed class SignInForm
{
    public string? UserId { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>
/// The back-office sign-in page every service with pages maps: user name and password (anti-forgery protected), or
/// the organisation's identity provider when configured. A wrong password and an unknown user get the same answer.
/// </summary>
public static class SignInPages
{
    public static IEndpointRouteBuilder MapBackOfficeSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(BackOfficeAuthorization.LoginPath, (string? returnUrl, IConfiguration configuration) =>
            Page(ReturnUrls.Local(returnUrl), error: null, configuration))
            .AllowAnonymous();

        app.MapPost(BackOfficeAuthorization.LoginPath, ([FromForm] SignInForm form, HttpContext http, IConfiguration configuration,
            BackOfficeUserDirectory users) =>
            PasswordSignIn.HandleAsync(form, http, users, BackOfficeAuthorization.CookieScheme,
                (returnUrl, error) => Page(returnUrl, error, configuration, StatusCodes.Status400BadRequest)))
        .AllowAnonymous()
        .RequireRateLimiting(BackOfficeAuthorization.SignInRateLimitPolicy);

        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(BackOfficeAuthorization.CookieScheme);
            return Results.LocalRedirect(BackOfficeAuthorization.LoginPath);
        })
        // Any signed-in person may leave: an explicit role decision, so the generated role table has no gap.
        .RequireRoles([.. Roles.All]);

        app.MapGet("/account/login/oidc", (string? returnUrl, IConfiguration configuration) =>
            OpenIdConnectSignIn.IsConfigured(configuration)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.Local(returnUrl) }, [OpenIdConnectSignIn.Scheme])
                : Problems.NotFound(new("未配置统一身份认证。", "No identity provider is configured.")))
            .AllowAnonymous();
        return app;
    }

    private static RazorComponentResult<SignInPage> Page(string returnUrl, string? error, IConfiguration configuration, int status = StatusCodes.Status200OK) =>
        Pages.Render<SignInPage>(new { ReturnUrl = returnUrl, Error = error, OidcAvailable = OpenIdConnectSignIn.IsConfigured(configuration) }, status);
}
