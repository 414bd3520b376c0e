using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// Issue #13, item 8: the relay lag and the error-queue depth reach the dashboard. The published service is started as
/// the AppHost starts it, with OTEL_EXPORTER_OTLP_ENDPOINT set, and both gauges must arrive at that endpoint without
/// anyone calling /health first (a dashboard with no probe running must still see them).
/// </summary>
[Collection(PublishedServicesCollection.Name)]
public sealed class TelemetryExportTests(PublishedServices publish)
{
    [Fact]
    public async Task Relay_lag_and_dead_letters_are_exported_to_the_dashboard_endpoint()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        using var dashboard = new OtlpReceiver();
        var settings = DevelopmentSettings.For("payment", infrastructure, new Uri("http://127.0.0.1:9"), Applicants.InsideWindow);
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.Address.ToString().TrimEnd('/');
        // The AppHost's dashboard takes gRPC; the same exporter over HTTP/protobuf is what this stand-in can read.
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";

        using var payment = PublishedService.Start("payment", publish.Folders["payment"], Ports.Free(), settings);
        Assert.Null(await payment.WaitUntilAliveAsync(TimeSpan.FromMinutes(2)));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        bool Lag() => dashboard.Received("/v1/metrics", "titlereview.relay.lag");
        bool DeadLetters() => dashboard.Received("/v1/metrics", "titlereview.dead_letters");
        while (!(Lag() && DeadLetters()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(Lag() && DeadLetters(),
            $"within a minute the OTLP endpoint got {string.Join(", ", dashboard.Paths())}: relay lag {Lag()}, dead letters {DeadLetters()}");
        Assert.True(dashboard.Received("/v1/metrics", "TitleReview.Messaging"), "the gauges' meter is not named in the export");
    }
}
