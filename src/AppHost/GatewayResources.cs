using Microsoft.Extensions.Hosting;

namespace TitleReview.AppHost;

public static class GatewayResources
{
    private const string IdentityProviderUrl = "http://127.0.0.1:5110";

    /// <summary>
    /// The gateway on its documented port, forwarding to each service's endpoint (<c>Gateway:Services:&lt;name&gt;</c>)
    /// once they are healthy, with the ledger's connection for the shared key ring (its session cookie and the
    /// services' anti-forgery tokens must be readable on both sides). In Development the identity provider runs beside
    /// it on 5110 and the gateway offers 使用统一身份认证登录 with it; the gateway's signing key is the development one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddGateway(
        this IDistributedApplicationBuilder builder, int port, Infrastructure infrastructure, IReadOnlyList<IResourceBuilder<ProjectResource>> services)
    {
        var gateway = builder.AddProject<Projects.Gateway>("gateway", options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: port, name: "http")
            .WithReference(infrastructure.EventStore)
            .WaitFor(infrastructure.EventStore)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithHttpHealthCheck("/health");
        foreach (var service in services)
        {
            gateway.WithEnvironment($"Gateway__Services__{service.Resource.Name}", service.GetEndpoint("http")).WaitFor(service);
        }

        if (builder.Environment.IsDevelopment())
        {
            var identityProvider = builder.AddProject<Projects.IdentityProvider>("identity-provider", options => options.ExcludeLaunchProfile = true)
                .WithHttpEndpoint(port: 5110, name: "http")
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
                .WithEnvironment("IdentityProvider__Gateway__Address", "http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithHttpHealthCheck("/health");
            // The development provider's client and secret (DEVELOPMENT ONLY, like the dev-key-<role> API keys).
            gateway.WithEnvironment("Auth__Oidc__Authority", IdentityProviderUrl)
                .WithEnvironment("Auth__Oidc__ClientId", "titlereview-gateway")
                .WithEnvironment("Auth__Oidc__ClientSecret", "dev-gateway-oidc-secret")
                .WithEnvironment("Auth__Oidc__RequireHttpsMetadata", "false")
                .WaitFor(identityProvider);
        }

        return gateway;
    }
}
