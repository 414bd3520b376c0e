using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using TitleReview.BackOffice;
using TitleReview.BackOffice.Account;
using TitleReview.Domain;
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

        app.MapPost(BackOfficeAuthorization.LoginPath, async ([FromForm] SignInForm form, HttpContext http, IConfiguration configuration,
            BackOfficeUserDirectory users) =>
        {
            // A control character cannot go into a Location header (it used to end in a 500 after the password was
            // checked); no link of ours carries one, so the request is refused before anyone is signed in.
            if (form.ReturnUrl?.Any(char.IsControl) == true)
            {
                return Problems.Validation(new Dictionary<string, Bilingual[]>
                {
                    ["returnUrl"] = [new("返回地址含有控制字符，请从系统页面重新登录。", "returnUrl contains a control character; sign in again from a page of this site.")],
                });
            }

            var returnUrl = ReturnUrls.Local(form.ReturnUrl);
            if (users.SignIn(form.UserId, form.Password) is not { } user)
            {
                return Page(returnUrl, "用户名或密码错误。", configuration, StatusCodes.Status400BadRequest);
            }

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, user.Id), new Claim("display_name", user.DisplayName), .. user.Roles.Select(role => new Claim(ClaimTypes.Role, role))],
                BackOfficeAuthorization.CookieScheme);
            await http.SignInAsync(BackOfficeAuthorization.CookieScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl);
        })
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
