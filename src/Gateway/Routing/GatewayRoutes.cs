using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace TitleReview.Gateway.Routing;

/// <summary>Who the gateway asks before it forwards: nobody (the service decides), or a person signed in at the gateway.</summary>
public enum Access
{
    /// <summary>APIs and public pages: forwarded as they come; the service answers 401/403 itself.</summary>
    Forwarded,

    /// <summary>Back-office pages: a person not signed in is sent to the gateway's sign-in page first.</summary>
    SignedIn,
}

/// <summary>One path pattern of one service (<paramref name="Service"/> is its cluster: intake, review, …).</summary>
public sealed record GatewayRoute(string Service, string Path, Access Access, string? ServicePath = null);

/// <summary>
/// Every back-office page and API of every service under the gateway's one origin, as the README's role table lists
/// them. A page route needs a person signed in at the gateway; an API route is forwarded whoever calls, so machines
/// keep their <c>ApiKey</c> (and the payment platform its signature) and the services keep answering 401 problem+json.
/// </summary>
public static class GatewayRoutes
{
    public const string SignedInPolicy = "gateway-signed-in";

    /// <summary>The services behind the gateway and their documented local ports (README, "What runs where").</summary>
    public static readonly IReadOnlyDictionary<string, int> Services = new Dictionary<string, int>
    {
        ["intake"] = 5101,
        ["review"] = 5102,
        ["publicity"] = 5103,
        ["payment"] = 5104,
        ["certificate"] = 5105,
        ["audit"] = 5106,
    };

    /// <summary>The services that consume messages, and so have dead letters for the admin to see and replay (Audit only reads the ledger).</summary>
    private static readonly string[] Consumers = ["intake", "review", "publicity", "payment", "certificate"];

    public static readonly IReadOnlyList<GatewayRoute> All =
    [
        new("intake", "/api/applications/{**rest}", Access.Forwarded),
        new("intake", "/api/attachments/{**rest}", Access.Forwarded),
        new("intake", "/api/integrity-register/{**rest}", Access.Forwarded),
        new("intake", "/api/refused-materials/{**rest}", Access.Forwarded),

        new("review", "/review/{**rest}", Access.SignedIn),
        new("review", "/committee/{**rest}", Access.SignedIn),
        new("review", "/api/review/{**rest}", Access.Forwarded),
        new("review", "/api/committee/{**rest}", Access.Forwarded),

        // The public notices and objection form: anyone, signed in or not.
        new("publicity", "/publicity/{**rest}", Access.Forwarded),
        new("publicity", "/publicity-desk/{**rest}", Access.SignedIn),
        new("publicity", "/api/publicity/{**rest}", Access.Forwarded),
        new("publicity", "/api/working-days/{**rest}", Access.Forwarded),

        new("payment", "/finance/{**rest}", Access.SignedIn),
        new("payment", "/api/payments/{**rest}", Access.Forwarded),
        new("payment", "/api/reconciliation/{**rest}", Access.Forwarded),

        new("certificate", "/certificates/{**rest}", Access.SignedIn),
        // 职称证书查询 is public: a more specific route than the one above, so routing prefers it.
        new("certificate", "/certificates/verify/{**rest}", Access.Forwarded),
        new("certificate", "/api/certificates/{**rest}", Access.Forwarded),

        new("audit", "/audit/{**rest}", Access.SignedIn),
        new("audit", "/api/audit/{**rest}", Access.Forwarded),

        // Every service has its own /api/admin/dead-letters; under one origin each gets its name in the path.
        .. Consumers.Select(service => new GatewayRoute(service, $"/api/admin/{service}/dead-letters/{{**rest}}", Access.Forwarded, "/api/admin/dead-letters/{**rest}")),
    ];

    public static IReadOnlyList<RouteConfig> Config() =>
    [
        .. All.Select((route, index) =>
        {
            var config = new RouteConfig
            {
                RouteId = $"{route.Service}-{index}",
                ClusterId = route.Service,
                Match = new RouteMatch { Path = route.Path },
                AuthorizationPolicy = route.Access == Access.SignedIn ? SignedInPolicy : "anonymous",
            }
            // The services build their links and redirects from the Host they see: the gateway's, so they lead back here.
            .WithTransformUseOriginalHostHeader();
            return route.ServicePath is null ? config : config.WithTransformPathRouteValues(route.ServicePath);
        }),
    ];
}
