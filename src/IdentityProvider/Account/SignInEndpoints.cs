using Microsoft.AspNetCore.Antiforgery;
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

        app.MapPost(ProviderSession.LoginPath, ([FromForm] SignInForm form, HttpContext http, IAntiforgery antiforgery, BackOfficeUserDirectory users) =>
            PasswordSignIn.HandleAsync(form, http, users, ProviderSession.Scheme,
                (returnUrl, error) => Page(http, antiforgery, returnUrl, error, StatusCodes.Status400BadRequest)))
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
