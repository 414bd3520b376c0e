using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TitleReview.SystemTests;

/// <summary>
/// The AppHost as 'deploy/local/run.sh' starts it (existing servers through connection strings, services as
/// processes): every service must come up and report Healthy, PostgreSQL and RabbitMQ included.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AppHostTests(SystemFixture system)
{
    private static readonly string[] Services = ["intake", "review", "publicity", "payment", "certificate", "audit"];

    [Fact]
    public async Task The_AppHost_starts_every_service_and_each_answers_Healthy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                $"--ConnectionStrings:eventstore={system.Infrastructure.EventStore}",
                $"--ConnectionStrings:messaging={system.Infrastructure.Messaging}",
            ],
            timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        foreach (var service in Services)
        {
            try
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
            }
            catch (DistributedApplicationException failed)
            {
                // A CI run once saw Intake "fail to start" with no word why: the service's own output says it.
                throw new InvalidOperationException($"{failed.Message}\n--- {service}'s last output ---\n{await LastOutputAsync(app, service)}", failed);
            }

            using var client = app.CreateHttpClient(service, "http");
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(timeout.Token));
        }

        await app.StopAsync(timeout.Token);
    }

    private static async Task<string> LastOutputAsync(DistributedApplication app, string service)
    {
        var lines = new List<string>();
        await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(service))
        {
            lines.AddRange(batch.Select(line => line.Content));
        }

        return string.Join('\n', lines.TakeLast(60));
    }
}
