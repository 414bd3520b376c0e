using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// Production sign-in through the organisation's identity provider (统一身份认证), when <c>Auth:Oidc:Authority</c> is set:
/// authorization code flow with PKCE, the provider's <c>roles</c> claim carrying the same role names as here, the
/// person's <c>preferred_username</c> as the acting user on every event. The client secret comes from configuration (a
/// secret store in production), never from a file in the repository. The gateway signs people in this way for every
/// service; a service still maps it for people who come to it directly.
/// </summary>
public static class OpenIdConnectSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string Section = "Auth:Oidc";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:Authority"]);

    /// <param name="signInScheme">The cookie the signed-in person is kept in.</param>
    /// <param name="isDevelopment">
    /// Development on loopback http (the development identity provider): the round trip's correlation and nonce cookies
    /// cannot be SameSite=None (browsers drop SameSite=None without Secure, and Secure cookies are not sent over http),
    /// so they are Lax and the provider answers with a top-level GET (<c>response_mode=query</c>), which Lax cookies go with.
    /// </param>
    public static void AddIfConfigured(AuthenticationBuilder authentication, IConfiguration configuration,
        string signInScheme = BackOfficeAuthorization.CookieScheme, bool isDevelopment = false)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        if (!IsConfigured(configuration))
        {
            return;
        }

        authentication.AddOpenIdConnect(Scheme, "统一身份认证", options =>
        {
            options.Authority = configuration[$"{Section}:Authority"];
            options.ClientId = configuration[$"{Section}:ClientId"];
            options.ClientSecret = configuration[$"{Section}:ClientSecret"];
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.SignInScheme = signInScheme;
            options.MapInboundClaims = false;
            options.Scope.Add("profile");
            options.Scope.Add("roles");
            // The id_token goes back to the provider as id_token_hint when signing out, so it ends the provider's session too.
            options.SaveTokens = true;
            options.RequireHttpsMetadata = configuration.GetValue($"{Section}:RequireHttpsMetadata", true);
            if (isDevelopment && !options.RequireHttpsMetadata)
            {
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
            }

            options.Events.OnTokenValidated = context =>
            {
                context.Principal = AsBackOfficePerson(context.Principal);
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// The provider's claims as every other sign-in gives them (<see cref="ClaimTypes.Name"/> = preferred_username,
    /// <c>display_name</c>, <see cref="ClaimTypes.Role"/>), so pages, tokens and events read one shape.
    /// </summary>
    private static ClaimsPrincipal? AsBackOfficePerson(ClaimsPrincipal? provided)
    {
        if (provided is null || (provided.FindFirst("preferred_username")?.Value ?? provided.FindFirst("sub")?.Value) is not { Length: > 0 } userId)
        {
            return provided;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, userId),
                new Claim(GatewayToken.DisplayNameClaim, provided.FindFirst("name")?.Value ?? userId),
                .. provided.FindAll("roles").Select(role => new Claim(ClaimTypes.Role, role.Value)),
            ],
            Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
