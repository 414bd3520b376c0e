using System.Net.Http.Json;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// Every service as two (or more) published processes on one ledger and one virtual host, consumers on in all, as a
/// Deployment with replicas runs them. Development settings: the development API keys and sign-in, and the movable
/// business clock, which the deployment keeps the same in every instance (a restarted one starts at the time the others
/// show, so its jobs never see the real date).
/// </summary>
public sealed class Replicas(PublishedServices publish, TestInfrastructure infrastructure, int perService) : IDisposable
{
    // Review and Audit call Intake (only when a page or a verification run needs it, never at start-up).
    private static readonly string[] Order = ["intake", "review", "publicity", "payment", "certificate", "audit"];

    private readonly Dictionary<string, ServiceInstances> services = Order.ToDictionary(
        name => name, name => new ServiceInstances(name, publish.Folders[name], perService));

    private readonly Dictionary<string, HttpClient> clients = [];
    private TimeSpan businessOffset;

    public ServiceInstances this[string service] => services[service];

    public int PerService => perService;

    /// <summary>Business time as every instance shows it.</summary>
    public DateTimeOffset BusinessNow => DateTimeOffset.UtcNow + businessOffset;

    /// <summary>
    /// Starts every instance of every service at once on the fresh ledger, as a first install on a cluster does: the
    /// instances race to create the schema, and Marten's apply-changes lock must make them wait for each other.
    /// </summary>
    public async Task StartAsync(DateTimeOffset businessTime)
    {
        businessOffset = businessTime - DateTimeOffset.UtcNow;
        await Task.WhenAll(Order.SelectMany(name => Enumerable.Range(0, perService).Select(index => services[name].StartAsync(index, SettingsOf(name, index)))));
    }

    /// <summary>kill -9 of instance <paramref name="index"/> of every service at once.</summary>
    public void KillEvery(int index)
    {
        foreach (var service in services.Values)
        {
            service.Kill(index);
        }
    }

    /// <summary>Restarts instance <paramref name="index"/> of every service, together, as an orchestrator would.</summary>
    public Task RestartEveryAsync(int index) =>
        Task.WhenAll(Order.Select(name => services[name].StartAsync(index, SettingsOf(name, index))));

    /// <summary>Moves business time in every running instance (the development clock endpoint).</summary>
    public async Task SetBusinessTimeAsync(DateTimeOffset utcNow)
    {
        businessOffset = utcNow - DateTimeOffset.UtcNow;
        foreach (var service in services.Values)
        {
            foreach (var address in service.Addresses)
            {
                using var http = new HttpClient { BaseAddress = address };
                using var moved = await http.PutAsJsonAsync("/api/dev/clock", new { utcNow });
                moved.EnsureSuccessStatusCode();
            }
        }
    }

    /// <summary>A client signed in with the development API key of <paramref name="role"/>, for any instance.</summary>
    public HttpClient As(string role)
    {
        lock (clients)
        {
            if (!clients.TryGetValue(role, out var client))
            {
                client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                client.DefaultRequestHeaders.Authorization = new("ApiKey", DevelopmentApiClients.KeyByRole[role]);
                clients[role] = client;
            }

            return client;
        }
    }

    /// <summary>What an instance that should be running but exited wrote last.</summary>
    public IEnumerable<string> Crashed() => services.Values.SelectMany(service => service.Crashed());

    private Dictionary<string, string> SettingsOf(string service, int index) =>
        DevelopmentSettings.For(service, infrastructure, services["intake"].Addresses[index], BusinessNow);

    public void Dispose()
    {
        foreach (var service in services.Values)
        {
            service.Dispose();
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
