using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;
using TitleReview.IdentityProvider.Account;

namespace TitleReview.IdentityProvider.Connect;

/// <summary>
/// <c>/connect/logout</c>: ends this provider's session and sends the person back to the client's registered
/// post-logout address (OpenIddict checks it), so signing out at the gateway signs out here too.
/// </summary>
public static class EndSessionEndpoint
{
    public const string Path = "/connect/logout";

    public static IEndpointRouteBuilder MapEndSession(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            await http.SignOutAsync(ProviderSession.Scheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        return app;
    }
}
