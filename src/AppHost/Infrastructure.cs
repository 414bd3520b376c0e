using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TitleReview.AppHost;

public sealed record Infrastructure(
    IResourceBuilder<IResourceWithConnectionString> EventStore,
    IResourceBuilder<IResourceWithConnectionString> Messaging);

public static class InfrastructureExtensions
{
    private const string EventStore = "eventstore";
    private const string Messaging = "messaging";

    /// <summary>
    /// Existing servers when their connection strings are set (the local script, CI, production); containers where a
    /// container runtime answers; otherwise stop and say what to do.
    /// </summary>
    public static Infrastructure AddInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var eventStore = builder.Configuration.GetConnectionString(EventStore);
        var messaging = builder.Configuration.GetConnectionString(Messaging);
        if (eventStore is not null && messaging is not null)
        {
            return new Infrastructure(
                builder.AddConnectionString(EventStore).WithTcpHealthCheck(builder, "eventstore-reachable", NpgsqlEndpoint(eventStore)),
                builder.AddConnectionString(Messaging).WithTcpHealthCheck(builder, "messaging-reachable", AmqpEndpoint(messaging)));
        }

        if (ContainerRuntimeAnswers())
        {
            var postgres = builder.AddPostgres("postgres").WithDataVolume();
            var rabbit = builder.AddRabbitMQ(Messaging).WithDataVolume();
            return new Infrastructure(postgres.AddDatabase(EventStore), rabbit);
        }

        throw new DistributedApplicationException(
            "No infrastructure: set ConnectionStrings__eventstore and ConnectionStrings__messaging (run 'deploy/local/infra.sh up' " +
            "and source .local/infra.env, or use 'deploy/local/run.sh', which does both), or start a Docker/Podman engine for containers.");
    }

    private static IResourceBuilder<IResourceWithConnectionString> WithTcpHealthCheck(
        this IResourceBuilder<IResourceWithConnectionString> resource, IDistributedApplicationBuilder builder, string name, (string Host, int Port) endpoint)
    {
        builder.Services.AddHealthChecks().AddAsyncCheck(name, async cancellationToken =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException ex)
            {
                return HealthCheckResult.Unhealthy($"{endpoint.Host}:{endpoint.Port} does not answer", ex);
            }
        });
        return resource.WithHealthCheck(name);
    }

    private static (string Host, int Port) NpgsqlEndpoint(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var host = parts.GetValueOrDefault("Host") ?? parts.GetValueOrDefault("Server") ?? "localhost";
        return (host, int.TryParse(parts.GetValueOrDefault("Port"), out var port) ? port : 5432);
    }

    private static (string Host, int Port) AmqpEndpoint(string connectionString)
    {
        var uri = new Uri(connectionString);
        return (uri.Host, uri.IsDefaultPort ? 5672 : uri.Port);
    }

    private static bool ContainerRuntimeAnswers()
    {
        foreach (var runtime in new[] { "docker", "podman" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(runtime, "info")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (process is not null && process.WaitForExit(TimeSpan.FromSeconds(10)) && process.ExitCode == 0)
                {
                    return true;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed; try the next one.
            }
        }

        return false;
    }
}
