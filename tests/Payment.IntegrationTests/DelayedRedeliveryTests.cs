using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.EventStore.Messaging;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.ServiceDefaults.Time;
using Xunit.Abstractions;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>
/// PostgreSQL away longer than the immediate retries: a message consumed meanwhile waits in its wait queue and comes
/// back until the database does, instead of ending in the error queue. Payment reaches PostgreSQL only through a proxy
/// these tests cut (the shared server keeps serving everyone else); the ledger is forged directly, past the proxy.
/// On a ledger and virtual host of their own.
/// </summary>
public sealed class DelayedRedeliveryTests(ITestOutputHelper output)
{
    private const string Consumer = nameof(AssessFeeOnFinalApproval);
    private const string Queue = "payment-assess-fee-on-final-approval";
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>Clearly longer than one immediate retry (about 0.1 s) and Npgsql's failures while the proxy refuses.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_message_consumed_while_PostgreSQL_is_away_waits_and_is_processed_once_when_it_is_back()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        await using var database = ProxyTo(infrastructure);
        using var forger = new LedgerForger(infrastructure.EventStore);
        await using var payment = Payment(infrastructure, database, limit: 30);
        var bus = payment.Services.GetRequiredService<IBus>();
        AssertRedeliveryWrapsTheRetries(bus);
        var id = await ApprovedAsync(forger);
        var messageId = NewId.NextGuid();

        database.Cut();
        var outage = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await bus.Publish(new FinalApproved(id, "reviewer-wang", Applicants.InsideWindow), c => c.MessageId = messageId);

            // The broker itself shows it waiting: the wait queue held it while the database was away.
            await Eventually.ReturnsAsync<long?>(async () => await infrastructure.ReadyMessagesAsync(DelayedRedelivery.WaitQueueOf(Queue, Delay)),
                count => count >= 1, TimeSpan.FromSeconds(20), "the message to wait in the wait queue");
            var rest = Outage - outage.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            Assert.True(database.RefusedWhileCut > 0, "Payment did not try to reach PostgreSQL during the outage");
            Assert.Equal(0, await infrastructure.ReadyMessagesAsync(ConsumerQueues.ErrorQueueOf(Queue)));
        }
        finally
        {
            database.Restore();
        }

        await Eventually.ReturnsAsync<long?>(async () => await FeesAssessedAsync(infrastructure, id), count => count == 1, TimeSpan.FromSeconds(30),
            "the fee to be assessed once PostgreSQL is back");
        Assert.Equal(1, await infrastructure.ScalarAsync("select count(*) from payment.mt_doc_processedmessage where id = @id", ("id", $"{Consumer}:{messageId}")));
        // Nothing left behind, and no second assessment from a copy still on its way.
        await Task.Delay(Delay * 2);
        Assert.Equal(1, await FeesAssessedAsync(infrastructure, id));
        Assert.Equal(0, await infrastructure.ReadyMessagesAsync(ConsumerQueues.ErrorQueueOf(Queue)));
        Assert.Equal(0, await infrastructure.ReadyMessagesAsync(DelayedRedelivery.WaitQueueOf(Queue, Delay)));
        Assert.Equal(0, await infrastructure.ReadyMessagesAsync(Queue));
        await payment.Services.GetRequiredService<IBusControl>().StopAsync();
    }

    [Fact]
    public async Task With_delayed_redelivery_off_the_same_outage_puts_the_message_in_the_error_queue()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        await using var database = ProxyTo(infrastructure);
        using var forger = new LedgerForger(infrastructure.EventStore);
        await using var payment = Payment(infrastructure, database, limit: 0);
        var id = await ApprovedAsync(forger);

        database.Cut();
        try
        {
            await payment.Services.GetRequiredService<IBus>().Publish(new FinalApproved(id, "reviewer-wang", Applicants.InsideWindow));
            await Eventually.ReturnsAsync<long?>(async () => await infrastructure.ReadyMessagesAsync(ConsumerQueues.ErrorQueueOf(Queue)),
                count => count == 1, TimeSpan.FromSeconds(30), "the message to reach the error queue");
            Assert.Equal(0, await infrastructure.ReadyMessagesAsync(DelayedRedelivery.WaitQueueOf(Queue, Delay)));
        }
        finally
        {
            database.Restore();
        }

        Assert.Equal(0, await FeesAssessedAsync(infrastructure, id));
        await payment.Services.GetRequiredService<IBusControl>().StopAsync();
    }

    [Fact]
    public async Task A_message_still_failing_after_the_last_delayed_redelivery_goes_to_the_error_queue_with_its_cause()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        await using var database = ProxyTo(infrastructure);
        using var forger = new LedgerForger(infrastructure.EventStore);
        await using var payment = Payment(infrastructure, database, limit: 2);
        var id = await ApprovedAsync(forger);

        database.Cut();
        try
        {
            var outage = System.Diagnostics.Stopwatch.StartNew();
            await payment.Services.GetRequiredService<IBus>().Publish(new FinalApproved(id, "reviewer-wang", Applicants.InsideWindow));
            await Eventually.ReturnsAsync<long?>(async () => await infrastructure.ReadyMessagesAsync(ConsumerQueues.ErrorQueueOf(Queue)),
                count => count == 1, TimeSpan.FromSeconds(30), "the message to reach the error queue after its delayed redeliveries");
            Assert.True(outage.Elapsed >= Delay * 2, $"in the error queue after {outage.Elapsed}: it did not wait twice");

            // It waited exactly twice, and the error queue says why it failed, not that the redelivery ran out.
            var factory = new ConnectionFactory { Uri = new Uri(infrastructure.Messaging) };
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            var failed = await channel.BasicGetAsync(ConsumerQueues.ErrorQueueOf(Queue), autoAck: false);
            Assert.NotNull(failed);
            var headers = failed.BasicProperties.Headers!;
            Assert.Equal(2, Convert.ToInt32(headers[DelayedRedelivery.CountHeader], System.Globalization.CultureInfo.InvariantCulture));
            var cause = System.Text.Encoding.UTF8.GetString((byte[])headers["MT-Fault-ExceptionType"]!);
            // MassTransit records the innermost exception: the socket under Npgsql's, never "could not be rescheduled".
            Assert.Matches(@"^(Npgsql\.|System\.Net\.Sockets\.|System\.IO\.|System\.TimeoutException)", cause);
            Assert.Equal(0, await infrastructure.ReadyMessagesAsync(DelayedRedelivery.WaitQueueOf(Queue, Delay)));
        }
        finally
        {
            database.Restore();
        }

        await payment.Services.GetRequiredService<IBusControl>().StopAsync();
    }

    [Fact]
    public async Task Only_an_unreachable_database_counts_as_unavailable()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        await using var database = ProxyTo(infrastructure);
        database.Cut();

        // What Npgsql really throws when the connection is reset (the proxy cut) and when nothing listens on the port.
        var reset = await Assert.ThrowsAnyAsync<Exception>(() => OpenAsync(Proxied(infrastructure, database)));
        output.WriteLine(reset.ToString());
        Assert.True(DatabaseUnavailable.Is(reset), reset.ToString());
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => OpenAsync(
            new NpgsqlConnectionStringBuilder(infrastructure.EventStore) { Host = "127.0.0.1", Port = Ports.Free(), Timeout = 5 }.ConnectionString));
        output.WriteLine(refused.ToString());
        Assert.True(DatabaseUnavailable.Is(refused), refused.ToString());
        Assert.True(DatabaseUnavailable.Is(new InvalidOperationException("wrapped", new AggregateException(new KeyNotFoundException(), reset))));

        // A database that answers with an error is not unavailable; nor is anything else.
        await using var connection = new NpgsqlConnection(infrastructure.EventStore);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1/0", connection);
        var answered = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
        Assert.False(DatabaseUnavailable.Is(answered));
        Assert.False(DatabaseUnavailable.Is(new KeyNotFoundException("unknown cycle")));
        Assert.False(DatabaseUnavailable.Is(new AggregateException(new InvalidOperationException())));
    }

    /// <summary>
    /// The redelivery filter sits outside the immediate retries in each message type's pipe (MassTransit builds it in
    /// the order configured): inside, it would redeliver at the first failure and the retries would never run.
    /// </summary>
    private void AssertRedeliveryWrapsTheRetries(IBus bus)
    {
        var probe = JsonSerializer.Serialize(bus.GetProbeResult().Results);
        var redelivery = probe.IndexOf("waitQueueRedelivery", StringComparison.Ordinal);
        var retries = probe.IndexOf("exponential", StringComparison.OrdinalIgnoreCase);
        if (redelivery < 0 || retries < redelivery)
        {
            output.WriteLine(probe);
        }

        Assert.True(redelivery >= 0, "no delayed redelivery in the bus's pipeline");
        Assert.True(retries > redelivery, "the immediate retries are not inside the delayed redelivery");
    }

    private static TcpProxy ProxyTo(TestInfrastructure infrastructure)
    {
        var target = new NpgsqlConnectionStringBuilder(infrastructure.EventStore);
        return new TcpProxy(target.Host!, target.Port);
    }

    private static string Proxied(TestInfrastructure infrastructure, TcpProxy proxy) =>
        new NpgsqlConnectionStringBuilder(infrastructure.EventStore) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;

    private static async Task OpenAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
    }

    /// <summary>Started while the proxy is open: Payment migrates its schema at start-up.</summary>
    private static ServiceHost<FeeAccount> Payment(TestInfrastructure infrastructure, TcpProxy database, int limit)
    {
        var host = new ServiceHost<FeeAccount>(infrastructure, new Dictionary<string, string>
        {
            ["ConnectionStrings:eventstore"] = Proxied(infrastructure, database),
            [MessagingRegistration.RetryLimitSetting] = "1",
            [DelayedRedelivery.DelaySetting] = Delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            [DelayedRedelivery.LimitSetting] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Payment:Jobs:PollInterval"] = "1.00:00:00",
        });
        host.CreateClient().Dispose(); // started now: its consumer queue exists before anything is published
        host.Services.GetRequiredService<AdjustableTimeProvider>().SetUtcNow(Applicants.InsideWindow);
        return host;
    }

    private static Task<Guid> ApprovedAsync(LedgerForger forger) => forger.AppendAsync(id =>
    [
        new(new ApplicationSubmitted(id, "断库重投", "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023", Applicants.InsideWindow)),
        new(new ReviewStarted(id, "reviewer-wang", Applicants.InsideWindow), By: "reviewer-wang"),
        new(new FinalApproved(id, "reviewer-wang", Applicants.InsideWindow), By: "reviewer-wang"),
    ]);

    private static Task<long> FeesAssessedAsync(TestInfrastructure infrastructure, Guid id) =>
        infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'fee_assessed'", ("id", id));
}
