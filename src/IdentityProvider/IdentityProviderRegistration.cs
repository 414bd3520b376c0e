using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using TitleReview.IdentityProvider.Account;
using TitleReview.IdentityProvider.Clients;
using TitleReview.IdentityProvider.Connect;
using TitleReview.ServiceDefaults;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Web.Http;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TitleReview.IdentityProvider;

public static class IdentityProviderRegistration
{
    /// <summary>
    /// An OpenIddict server: authorization code with PKCE, <c>openid profile roles</c>, an end-session endpoint;
    /// ephemeral keys (new ones every start; the gateway fetches them from the discovery document) and plain http on
    /// loopback, which is why it refuses to run anywhere but Development.
    /// </summary>
    public static WebApplicationBuilder AddIdentityProvider(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("TitleReview.IdentityProvider is a development and test stand-in for the organisation's identity provider: it runs in Development only.");
        }

        var database = $"identity-provider-{Guid.NewGuid():N}";
        builder.Services.AddDbContext<IdentityProviderDb>(options => options.UseInMemoryDatabase(database).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityProviderDb>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(AuthorizationEndpoint.Path)
                    .SetTokenEndpointUris("/connect/token")
                    .SetEndSessionEndpointUris(EndSessionEndpoint.Path);
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles);
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // http on loopback, Development only (checked above).
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddHostedService<GatewayClient>();

        builder.AddBackOfficeUsers();
        builder.Services.AddAntiforgery(options => options.Cookie.Name = ".TitleReview.IdentityProvider.Antiforgery");
        builder.Services.AddPerAddressRateLimits((ProviderSession.SignInRateLimitPolicy, builder.Configuration.GetValue($"{ApiClientOptions.Section}:SignInAttemptsPerMinute", 10)));
        builder.Services.AddAuthentication(ProviderSession.Scheme).AddCookie(ProviderSession.Scheme, options =>
        {
            options.Cookie.Name = ProviderSession.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(1);
            options.LoginPath = ProviderSession.LoginPath;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddRazorComponents();
        return builder;
    }

    public static WebApplication MapIdentityProvider(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.MapHealthEndpoints();
        app.MapProviderSignIn();
        app.MapAuthorization();
        app.MapEndSession();
        return app;
    }
}
