using Yarp.ReverseProxy.Configuration;

namespace TitleReview.Gateway.Routing;

/// <summary>
/// Where each service listens: <c>Gateway:Services:&lt;name&gt;</c> (the AppHost passes each service's endpoint, a
/// deployment its in-cluster address), else the documented local port on 127.0.0.1.
/// </summary>
public static class ServiceClusters
{
    public const string Section = "Gateway:Services";

    public static IReadOnlyList<ClusterConfig> Config(IConfiguration configuration) =>
    [
        .. GatewayRoutes.Services.Select(service => new ClusterConfig
        {
            ClusterId = service.Key,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service.Key] = new() { Address = configuration[$"{Section}:{service.Key}"] is { Length: > 0 } address ? address : $"http://127.0.0.1:{service.Value}" },
            },
        }),
    ];
}
