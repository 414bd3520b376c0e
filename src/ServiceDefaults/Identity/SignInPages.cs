using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using TitleReview.Domain;
using TitleReview.Web.Http;
using static TitleReview.Web.Http.HtmlPage;

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
    private const string Section = "职称评审系统";

    public static IEndpointRouteBuilder MapBackOfficeSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(BackOfficeAuthorization.LoginPath, (string? returnUrl, HttpContext http, IAntiforgery antiforgery, IConfiguration configuration) =>
            Page(http, antiforgery, configuration, ReturnUrls.Local(returnUrl), error: null))
            .AllowAnonymous();

        app.MapPost(BackOfficeAuthorization.LoginPath, async ([FromForm] SignInForm form, HttpContext http, IAntiforgery antiforgery, IConfiguration configuration,
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
                return Page(http, antiforgery, configuration, returnUrl, "用户名或密码错误。", StatusCodes.Status400BadRequest);
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

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, IConfiguration configuration, string returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder();
        if (error is not null)
        {
            body.Append("<p class=\"err\" role=\"alert\">").Append(E(error)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"").Append(BackOfficeAuthorization.LoginPath).Append("\" style=\"max-width:22rem\">")
            .Append("<input type=\"hidden\" name=\"").Append(E(token.FormFieldName)).Append("\" value=\"").Append(E(token.RequestToken)).Append("\">")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(E(returnUrl)).Append("\">")
            .Append("<p><label for=\"userId\">用户名</label><br><input id=\"userId\" name=\"userId\" autocomplete=\"username\" required style=\"width:100%\"></p>")
            .Append("<p><label for=\"password\">密码</label><br><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required style=\"width:100%\"></p>")
            .Append("<p><button type=\"submit\">登录</button></p></form>");
        if (OpenIdConnectSignIn.IsConfigured(configuration))
        {
            body.Append("<p><a href=\"/account/login/oidc?returnUrl=").Append(E(Uri.EscapeDataString(returnUrl))).Append("\">使用统一身份认证登录</a></p>");
        }

        return Render("后台登录", Section, [], body.ToString(), status: status);
    }
}
