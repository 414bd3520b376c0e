using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// Production sign-in through the organisation's identity provider (统一身份认证), when <c>Auth:Oidc:Authority</c> is set:
/// authorization code flow, the provider's <c>roles</c> claim carrying the same role names as here, the person's
/// <c>preferred_username</c> as the acting user on every event. The client secret comes from configuration (a secret
/// store in production), never from a file in the repository.
/// </summary>
public static class OpenIdConnectSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string Section = "Auth:Oidc";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:Authority"]);

    public static void AddIfConfigured(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
        {
            return;
        }

        authentication.AddOpenIdConnect(Scheme, "统一身份认证", options =>
        {
            options.Authority = configuration[$"{Section}:Authority"];
            options.ClientId = configuration[$"{Section}:ClientId"];
            options.ClientSecret = configuration[$"{Section}:ClientSecret"];
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SignInScheme = BackOfficeAuthorization.CookieScheme;
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "preferred_username";
            options.TokenValidationParameters.RoleClaimType = "roles";
            options.Scope.Add("profile");
            options.Scope.Add("roles");
            options.RequireHttpsMetadata = configuration.GetValue($"{Section}:RequireHttpsMetadata", true);
        });
    }
}
