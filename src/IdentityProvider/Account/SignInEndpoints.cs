using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TitleReview.IdentityProvider.Components;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.IdentityProvider.Account;

/// <summary>The provider's sign-in page: the configured users (in Development, the development users), anti-forgery protected, rate-limited.</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapProviderSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(ProviderSession.LoginPath, (string? returnUrl, HttpContext http, IAntiforgery antiforgery) =>
            Page(http, antiforgery, ReturnUrls.Local(returnUrl), error: null));

        app.MapPost(ProviderSession.LoginPath, async ([FromForm] SignInForm form, HttpContext http, IAntiforgery antiforgery, BackOfficeUserDirectory users) =>
        {
            var returnUrl = ReturnUrls.Local(form.ReturnUrl);
            if (users.SignIn(form.UserId, form.Password) is not { } user)
            {
                return Page(http, antiforgery, returnUrl, "用户名或密码错误。", StatusCodes.Status400BadRequest);
            }

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, user.Id), new Claim(ProviderSession.DisplayNameClaim, user.DisplayName), .. user.Roles.Select(role => new Claim(ClaimTypes.Role, role))],
                ProviderSession.Scheme);
            await http.SignInAsync(ProviderSession.Scheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl);
        })
        .RequireRateLimiting(ProviderSession.SignInRateLimitPolicy);
        return app;
    }

    private static RazorComponentResult<ProviderSignInPage> Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<ProviderSignInPage>(new Dictionary<string, object?>
        {
            [nameof(ProviderSignInPage.TokenField)] = tokens.FormFieldName,
            [nameof(ProviderSignInPage.Token)] = tokens.RequestToken,
            [nameof(ProviderSignInPage.ReturnUrl)] = returnUrl,
            [nameof(ProviderSignInPage.Error)] = error,
        })
        { StatusCode = status };
    }
}
