using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TitleReview.IdentityProvider.Clients;

/// <summary>
/// The one client of this provider: the gateway, a confidential client (code flow with PKCE, its secret from
/// <c>IdentityProvider:Gateway:ClientSecret</c>) redirected back only to its own callback paths at
/// <c>IdentityProvider:Gateway:Address</c>.
/// </summary>
public sealed class GatewayClient(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public const string ClientId = "titlereview-gateway";

    /// <summary>DEVELOPMENT ONLY, as this whole provider: the gateway's secret when none is configured.</summary>
    public const string DevelopmentSecret = "dev-gateway-oidc-secret";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var gateway = new Uri(configuration["IdentityProvider:Gateway:Address"] is { Length: > 0 } address ? address : "http://127.0.0.1:5100");
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(ClientId, cancellationToken) is not null)
        {
            return;
        }

        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = configuration["IdentityProvider:Gateway:ClientSecret"] is { Length: > 0 } secret ? secret : DevelopmentSecret,
            ClientType = ClientTypes.Confidential,
            // The organisation's own back office: no consent screen, as a real 统一身份认证 would not show one.
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "职称评审后台",
            // The ASP.NET Core OpenID Connect handler's default callback paths.
            RedirectUris = { new Uri(gateway, "/signin-oidc") },
            PostLogoutRedirectUris = { new Uri(gateway, "/signout-callback-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
