using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using TitleReview.Gateway.Routing;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Web.Http;

namespace TitleReview.Gateway.Identity;

/// <summary>
/// The one sign-in: a cookie at the gateway, filled by the gateway's own sign-in page (the configured users, as the
/// services had) or by the organisation's identity provider (<c>Auth:Oidc:*</c>). Only the gateway holds it, so
/// signing out here signs out of every service at once; the services only ever see short-lived tokens.
/// </summary>
public static class GatewaySession
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = ".TitleReview.Gateway";
    public const string LoginPath = "/account/login";
    public const string SignInRateLimitPolicy = "sign-in";

    public static WebApplicationBuilder AddGatewaySession(this WebApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        var key = GatewayToken.PrivateKey(builder.Configuration, isDevelopment)
            ?? throw new InvalidOperationException(
                $"{GatewayToken.PrivateKeySetting} is not set. Outside Development the gateway needs its own EC P-256 private key (PKCS#8 PEM, " +
                "from a secret) to sign the identity it forwards; give the services its public key as " + GatewayToken.PublicKeySetting + ".");
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(services => new GatewayTokenIssuer(key, TimeProvider.System,
            services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>()));

        builder.AddBackOfficeUsers();
        // The services' anti-forgery cookie and keys (same name, same shared key ring): the back-office frame's sign-out
        // form on a service's page posts to /account/logout, which is the gateway's, with a token the service made.
        builder.Services.AddAntiforgery();
        // Password guessing is slowed by PBKDF2 and stopped here, as on the services' own sign-in pages.
        builder.Services.AddPerAddressRateLimits((SignInRateLimitPolicy, builder.Configuration.GetValue($"{ApiClientOptions.Section}:SignInAttemptsPerMinute", 10)));

        var authentication = builder.Services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = LoginPath;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        OpenIdConnectSignIn.AddIfConfigured(authentication, builder.Configuration, Scheme, isDevelopment);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(GatewayRoutes.SignedInPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return builder;
    }
}
