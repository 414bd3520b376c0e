using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.Web.Http;

namespace TitleReview.ServiceDefaults.Identity;

public static class BackOfficeAuthorization
{
    /// <summary>
    /// Machines send an API key; people come through the gateway with its token, or sign in on the service's own page
    /// and carry a cookie. The <c>Authorization</c> header decides which (<see cref="SchemeFor"/>).
    /// </summary>
    public const string Scheme = "BackOffice";

    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string LoginPath = "/account/login";
    public const string SignInRateLimitPolicy = "sign-in";

    /// <summary>
    /// Every endpoint needs a signed-in caller unless it says <c>AllowAnonymous</c> (health, public pages); each
    /// use case then names the roles it accepts. APIs: anonymous → 401, wrong role → 403, both as problem+json.
    /// Pages: anonymous → the sign-in page, wrong role → 403.
    /// </summary>
    public static IHostApplicationBuilder AddBackOfficeAuthorization(this IHostApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<ApiClientOptions>()
            .Bind(builder.Configuration.GetSection(ApiClientOptions.Section))
            .PostConfigure(options =>
            {
                if (options.Clients.Count == 0 && isDevelopment)
                {
                    options.Clients = DevelopmentApiClients.Create();
                }
            });
        builder.AddBackOfficeUsers();
        builder.Services.AddAntiforgery();
        // Password guessing is slowed by PBKDF2 and stopped here: a few attempts per address and minute.
        builder.Services.AddPerAddressRateLimits((SignInRateLimitPolicy, builder.Configuration.GetValue($"{ApiClientOptions.Section}:SignInAttemptsPerMinute", 10)));

        var authentication = builder.Services.AddAuthentication(Scheme);
        var gatewayTrusted = GatewayTokenAuthentication.AddIfTrusted(authentication, builder.Configuration, isDevelopment);
        authentication
            .AddPolicyScheme(Scheme, "Gateway token, API key or sign-in cookie", options =>
                options.ForwardDefaultSelector = http => SchemeFor(http.Request, gatewayTrusted))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, options =>
            {
                // One cookie per service, so services on one host (ports differ, cookies ignore ports) do not clobber
                // each other's sign-in. Every instance of every service reads it with the same keys (SharedKeyRing).
                options.Cookie.Name = $".TitleReview.{builder.Environment.ApplicationName}";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = LoginPath;
                options.Events.OnRedirectToLogin = context =>
                {
                    if (IsApi(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        OpenIdConnectSignIn.AddIfConfigured(authentication, builder.Configuration, CookieScheme, isDevelopment);

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>
    /// The people who may sign in (<c>Auth:Users</c>; in Development with none configured, <see cref="DevelopmentUsers"/>)
    /// and the directory that checks their passwords: the services' own sign-in, the gateway's and the development
    /// identity provider's use the same.
    /// </summary>
    public static IHostApplicationBuilder AddBackOfficeUsers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<BackOfficeUserOptions>()
            .Bind(builder.Configuration.GetSection(ApiClientOptions.Section))
            .PostConfigure(options =>
            {
                if (options.Users.Count == 0 && isDevelopment)
                {
                    options.Users = DevelopmentUsers.Create();
                }
            });
        builder.Services.AddSingleton<BackOfficeUserDirectory>();
        return builder;
    }

    /// <summary>
    /// <c>Bearer</c>: a person signed in at the gateway (when this service trusts the gateway's key); any other
    /// <c>Authorization</c> (<c>ApiKey</c>, or something unknown, which then authenticates no one): a machine; no header:
    /// the service's own sign-in cookie, for people who still come straight to the service.
    /// </summary>
    private static string SchemeFor(HttpRequest request, bool gatewayTrusted)
    {
        if (request.Headers.Authorization.Count == 0)
        {
            return CookieScheme;
        }

        return gatewayTrusted && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? GatewayToken.Scheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    /// <summary>The endpoint accepts callers with any of <paramref name="roles"/> (admins always).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.AddAuthenticationSchemes(Scheme).RequireRole([.. roles, Roles.Admin]));

    /// <summary>Machines' addresses: answered 401, never redirected to a page meant for people.</summary>
    private static bool IsApi(HttpRequest request) => 
        // Ignoring case as routing does: /API/x reaches the same endpoint as /api/x, so it must get the same answer.
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
}
