using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.EventStore.Messaging;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>The relay's lag is the ledger's head minus the relay's recorded progress, and health degrades past the threshold.</summary>
[Collection(PaymentCollection.Name)]
public sealed class RelayLagTests(PaymentFixture payment)
{
    [Fact]
    public async Task A_relay_that_has_not_run_is_behind_by_the_whole_ledger_and_degrades_health_past_the_threshold()
    {
        await payment.Forger.AppendAsync(id => [new(new ApplicationSubmitted(id, "滞后", "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023", Applicants.InsideWindow))]);
        var head = await payment.Infrastructure.ScalarAsync("select max(seq_id) from ledger.mt_events");
        var never = new RelayLag(payment.Infrastructure.EventStore, "NeverStartedRelay");

        Assert.True(await never.ReadAsync(CancellationToken.None) >= head);
        var strict = await new RelayLagHealthCheck(never, Options.Create(new RelayLagOptions { DegradedAt = head - 1 })).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, strict.Status);
        var lenient = await new RelayLagHealthCheck(never, Options.Create(new RelayLagOptions { DegradedAt = long.MaxValue })).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, lenient.Status);
    }

    [Fact]
    public async Task Payments_running_relay_catches_up_to_the_ledger()
    {
        await payment.Forger.AppendAsync(id => [new(new ApplicationSubmitted(id, "追上", "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023", Applicants.InsideWindow))]);
        var relay = new RelayLag(payment.Infrastructure.EventStore, "PaymentRelay");

        await Eventually.ReturnsAsync<long?>(async () => await relay.ReadAsync(CancellationToken.None), lag => lag == 0, TimeSpan.FromSeconds(60), "Payment's relay to reach the ledger's head");
    }

    /// <summary>
    /// A skip is watched wherever Payment's daemon reads the ledger: its relay and its finance projection (the skip
    /// itself, end to end, is shown on Intake's relay by RelayPoisonTests, on a database of its own).
    /// </summary>
    [Fact]
    public async Task Skipped_rows_are_watched_for_the_relay_and_the_finance_projection()
    {
        var skipped = payment.Host.Services.GetRequiredService<SkippedEvents>();

        Assert.Equal(["FeeMovement", "PaymentRelay"], skipped.Shards);
        var health = await payment.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == SkippedEventsHealthCheck.Name);
        Assert.Equal(HealthStatus.Healthy, health.Entries[SkippedEventsHealthCheck.Name].Status);
    }
}
