using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenTelemetry.Trace;
using TitleReview.ServiceDefaults.Telemetry;

namespace TitleReview.SystemTests;

/// <summary>
/// One trace per application step: the trace of the reviewer's approval request travels with the FinalApproved event
/// through Review's relay and RabbitMQ into Payment's consumer, whose FeeAssessed carries the same trace; background
/// polling starts no trace of its own.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TracePropagationTests(SystemFixture system)
{
    [Fact]
    public async Task The_approval_requests_trace_reaches_the_consumer_in_another_service_through_the_ledger_and_the_relay()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var journey = new Journey(system);
        var id = await journey.SubmitAsync("追踪审批");
        await journey.WaitUntilQueuedForReviewAsync(id);
        (await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();

        var trace = ActivityTraceId.CreateRandom();
        using var approval = new HttpRequestMessage(HttpMethod.Post, $"/api/review/applications/{id}/final-approval") { Content = JsonContent.Create(new { }) };
        approval.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        // Sent by a client that adds no trace of its own: the services' HttpClient instrumentation listens in this
        // process too, and would replace the header with the test's (unsampled) client span.
        using var reviewer = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = system.ReviewAddress }
            .As(TitleReview.ServiceDefaults.Identity.Roles.Reviewer);
        using (var approved = await reviewer.SendAsync(approval))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        // "" while the event is not there yet; "none" for an event stored without a trace.
        const string TraceOf = "select coalesce(headers->>'traceparent', 'none') from ledger.mt_events where stream_id = @id and type = @type";
        var feeTrace = await Eventually.ReturnsAsync<string>(
            () => system.Infrastructure.ScalarTextAsync(TraceOf, ("id", id), ("type", "fee_assessed"))!,
            header => header.Length > 0, TimeSpan.FromSeconds(60), "Payment to assess the fee");
        var approvalTrace = await system.Infrastructure.ScalarTextAsync(TraceOf, ("id", id), ("type", "final_approved"));

        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(approvalTrace, $"^00-{trace.ToHexString()}-[0-9a-f]{{16}}-0[01]$"), $"sent {trace}; approval {approvalTrace}; fee {feeTrace}");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(feeTrace, $"^00-{trace.ToHexString()}-[0-9a-f]{{16}}-0[01]$"), $"sent {trace}; approval {approvalTrace}; fee {feeTrace}");
    }

    [Theory]
    [InlineData(ActivityKind.Internal, "marten.daemon.highwatermark", false)]
    [InlineData(ActivityKind.Client, "postgresql", false)]
    [InlineData(ActivityKind.Server, "POST /api/applications", true)]
    [InlineData(ActivityKind.Consumer, "consume", true)]
    [InlineData(ActivityKind.Producer, "relay final_approved", true)]
    public void Only_roots_that_someone_started_are_traced(ActivityKind kind, string name, bool kept)
    {
        var parameters = new SamplingParameters(default, ActivityTraceId.CreateRandom(), name, kind);

        var decision = new BackgroundNoiseSampler().ShouldSample(parameters).Decision;

        Assert.Equal(kept, decision == SamplingDecision.RecordAndSample);
    }
}
