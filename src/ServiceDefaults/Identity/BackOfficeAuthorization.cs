using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TitleReview.ServiceDefaults.Identity;

public static class BackOfficeAuthorization
{
    /// <summary>
    /// Every endpoint needs a signed-in caller unless it says <c>AllowAnonymous</c> (health, public pages); each
    /// use case then names the roles it accepts. Anonymous → 401, wrong role → 403, both as problem+json.
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
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>The endpoint accepts callers with any of <paramref name="roles"/> (admins always).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequireRole([.. roles, Roles.Admin]));
}
