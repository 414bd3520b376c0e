using System.Net.Http.Headers;
using System.Net.Http.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Bench.Load;

/// <summary>
/// The six services on loopback (services.sh: base port + 1 … + 6) and one HTTP client per role with its development
/// key. Each role has a connection pool of its own, so the portals' load never queues a reviewer's request behind it.
/// </summary>
public sealed class ServiceClients : IDisposable
{
    public static readonly string[] Services = ["intake", "review", "publicity", "payment", "certificate", "audit"];

    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly int basePort;

    public ServiceClients(int basePort)
    {
        this.basePort = basePort;
        foreach (var role in Roles.All.Append("public"))
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2048, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                Timeout = TimeSpan.FromSeconds(60),
            };
            if (role != "public")
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", DevelopmentApiClients.KeyByRole[role]);
            }

            clients[role] = client;
        }
    }

    /// <summary>The client of <paramref name="role"/> (a <see cref="Roles"/> name, or "public" for no key).</summary>
    public HttpClient As(string role) => clients[role];

    public Uri Url(string service, string pathAndQuery) =>
        new($"http://127.0.0.1:{basePort + 1 + Array.IndexOf(Services, service)}{pathAndQuery}");

    /// <summary>Fails with the service's name unless every service answers /alive.</summary>
    public async Task EnsureAliveAsync()
    {
        foreach (var service in Services)
        {
            try
            {
                using var answer = await clients["public"].GetAsync(Url(service, "/alive"));
                answer.EnsureSuccessStatusCode();
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"{service} does not answer at {Url(service, "/alive")} ({e.Message}): bench/LoadTest/services.sh start", e);
            }
        }
    }

    /// <summary>Business time of one service (its development clock).</summary>
    public async Task<DateTimeOffset> BusinessNowAsync(string service = "intake") =>
        (await clients["public"].GetFromJsonAsync<DevClock>(Url(service, "/api/dev/clock")))!.UtcNow;

    /// <summary>Moves the development clock of every service to <paramref name="utcNow"/>.</summary>
    public async Task SetBusinessTimeAsync(DateTimeOffset utcNow)
    {
        foreach (var service in Services)
        {
            using var moved = await clients["public"].PutAsJsonAsync(Url(service, "/api/dev/clock"), new DevClock(utcNow));
            moved.EnsureSuccessStatusCode();
        }
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private sealed record DevClock(DateTimeOffset UtcNow);
}
