using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// Behind the gateway every request comes from the gateway's address, so the per-address limits on public endpoints
/// (objections, certificate lookups, sign-in) would put every member of the public in one bucket: one person guessing
/// certificate numbers would lock everyone out. The gateway sets <c>X-Forwarded-For</c> to the address it saw (YARP
/// replaces whatever the caller sent), and a service believes that header only from the gateway: loopback by default
/// (the local and test set-up), otherwise the addresses or networks in <c>Auth:Gateway:KnownProxies</c> /
/// <c>Auth:Gateway:KnownNetworks</c> (CIDR). Only one hop is read, so a client cannot add its own entries.
/// Where the platform already forwards (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, as the Kubernetes manifests set for
/// the ingress, whose addresses are not known in advance), the framework's own handling stands and this adds nothing.
/// </summary>
public static class ClientAddressBehindGateway
{
    public const string Section = "Auth:Gateway";

    public static IHostApplicationBuilder AddClientAddressBehindGateway(this IHostApplicationBuilder builder)
    {
        if (PlatformForwards(builder.Configuration))
        {
            return builder;
        }

        var proxies = builder.Configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = 1;
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: the limits, the logs and the traces all see the caller, not the gateway.</summary>
    public static IApplicationBuilder UseClientAddressBehindGateway(this IApplicationBuilder app) =>
        PlatformForwards(app.ApplicationServices.GetRequiredService<IConfiguration>()) ? app : app.UseForwardedHeaders();

    private static bool PlatformForwards(IConfiguration configuration) =>
        // The host reads the variable with its ASPNETCORE_ prefix removed; the plain environment source keeps it.
        configuration.GetValue("FORWARDEDHEADERS_ENABLED", false) || configuration.GetValue("ASPNETCORE_FORWARDEDHEADERS_ENABLED", false);
}
