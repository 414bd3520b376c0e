using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TitleReview.Testing;

/// <summary>
/// One real service, in process, on the run's own database and virtual host. <typeparamref name="TMarker"/> is any
/// public type of the service's assembly: it only tells the factory which entry point to start.
/// </summary>
public sealed class ServiceHost<TMarker>(TestInfrastructure infrastructure, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<TMarker> where TMarker : class
{
    public const string PlatformSecret = ServiceHostSettings.PlatformSecret;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:eventstore", infrastructure.EventStore);
        builder.UseSetting("ConnectionStrings:messaging", infrastructure.Messaging);
        foreach (var (key, value) in ServiceHostSettings.Defaults)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
