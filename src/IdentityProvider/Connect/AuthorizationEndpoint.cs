using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TitleReview.IdentityProvider.Account;
using TitleReview.ServiceDefaults.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TitleReview.IdentityProvider.Connect;

/// <summary>
/// <c>/connect/authorize</c>: a person not signed in here goes to this provider's sign-in page and comes back; a signed-in
/// person is handed to the gateway with <c>preferred_username</c> (the user id), <c>name</c> and <c>roles</c> — the same
/// role names the back office uses — in the id_token.
/// </summary>
public static class AuthorizationEndpoint
{
    public const string Path = "/connect/authorize";

    public static IEndpointRouteBuilder MapAuthorization(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var signedIn = await http.AuthenticateAsync(ProviderSession.Scheme);
            if (!signedIn.Succeeded || signedIn.Principal.Identity?.Name is not { } userId)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [ProviderSession.Scheme]);
            }

            var person = signedIn.Principal;
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, userId)
                .SetClaim(Claims.PreferredUsername, userId)
                .SetClaim(Claims.Name, person.FindFirst(GatewayToken.DisplayNameClaim)?.Value ?? userId)
                .SetClaims("roles", [.. person.FindAll(ClaimTypes.Role).Select(role => role.Value)]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(claim => claim.Type switch
            {
                Claims.PreferredUsername or Claims.Name when identity.HasScope(Scopes.Profile) => [Destinations.IdentityToken, Destinations.AccessToken],
                "roles" when identity.HasScope(Scopes.Roles) => [Destinations.IdentityToken, Destinations.AccessToken],
                _ => [Destinations.AccessToken],
            });
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        return app;
    }
}
