using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.AuditCli;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.EventStore.Messaging;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.Time;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>
/// A message that really fails ends in the error queue, shows on /health and in the CLI's list, and once the cause is
/// fixed the CLI replays it: the consumer processes it once, the error queue is empty, and it cannot be replayed twice.
/// On a ledger and virtual host of its own: it restarts Payment, and its dead letter must not be anyone else's.
/// </summary>
public sealed class DeadLetterReplayTests
{
    private const string Consumer = nameof(AssessFeeOnFinalApproval);
    private const string Queue = "payment-assess-fee-on-final-approval";

    [Fact]
    public async Task A_message_that_failed_is_listed_and_replayed_from_the_cli_once_its_cause_is_fixed()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        using var forger = new LedgerForger(infrastructure.EventStore);
        var messageId = NewId.NextGuid();

        // Payment started without the other committee's cycle: an approval in that cycle fails for real (the cycle is
        // unknown), and with no retries it goes straight to the error queue.
        await using var first = Payment(infrastructure, cycles: null);
        using var admin = first.CreateClient().As(Roles.Admin);
        var id = await forger.AppendAsync(id =>
        [
            new(new ApplicationSubmitted(id, "死信重放", "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, OtherCommittee.Cycle, Applicants.InsideWindow)),
            new(new ReviewStarted(id, "reviewer-wang", Applicants.InsideWindow), By: "reviewer-wang"),
            new(new FinalApproved(id, "reviewer-wang", Applicants.InsideWindow), By: "reviewer-wang"),
        ]);
        // The dead-letter count declares the error queue before anything failed (ErrorQueueDeclarationTests): MassTransit's
        // own declaration at the fault below must find it equivalent, or the message would never reach it.
        Assert.Equal(0, await first.Services.GetRequiredService<DeadLetterStore>().CountAsync(CancellationToken.None));
        await using (var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(infrastructure.Messaging) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclarePassiveAsync(ConsumerQueues.ErrorQueueOf(Queue)); // there before anything failed
        }

        await first.Services.GetRequiredService<IBus>().Publish(new FinalApproved(id, "reviewer-wang", Applicants.InsideWindow), c => c.MessageId = messageId);

        var listed = (await Eventually.ReturnsAsync<(int Code, string Output)?>(async () => await CliAsync(first, "dead-letters", "list"),
            result => result!.Value.Code == AuditCommands.Findings, TimeSpan.FromSeconds(60), "the failed message to reach the error queue"))!.Value.Output;
        Assert.Contains(messageId.ToString(), listed, StringComparison.Ordinal);
        Assert.Contains("FinalApproved", listed, StringComparison.Ordinal);
        Assert.True(listed.Contains("KeyNotFoundException", StringComparison.Ordinal), listed);
        // The count behind /health is taken every second in tests (every 30 s by default), not by the probe itself.
        await Eventually.ReturnsAsync(async () => await admin.GetStringAsync("/health"), health => health == "Degraded", TimeSpan.FromSeconds(10), "/health to say Degraded");
        Assert.Equal(0, await FeesAssessedAsync(infrastructure, id));

        // Fixed: Payment comes back with the cycle loaded. Nothing happens until someone replays the message. (The first
        // instance's bus is stopped, not the host disposed: MassTransit keeps a process-wide log context, and a host
        // started after another was disposed in the same process fails on that disposed logger factory.)
        await first.Services.GetRequiredService<IBusControl>().StopAsync();
        await using var second = Payment(infrastructure, cycles: OtherCommittee.WriteDirectory());
        second.Services.GetRequiredService<AdjustableTimeProvider>().SetUtcNow(Applicants.InsideWindow);
        Assert.Equal(AuditCommands.Findings, (await CliAsync(second, "dead-letters", "list")).Code);

        var (replayed, said) = await CliAsync(second, "dead-letters", "replay", "--message", messageId.ToString());
        Assert.Equal(AuditCommands.Clean, replayed);
        Assert.Contains("Replayed 1", said, StringComparison.Ordinal);

        await Eventually.ReturnsAsync<long?>(async () => await FeesAssessedAsync(infrastructure, id), count => count == 1, TimeSpan.FromSeconds(60), "the replayed approval to assess the fee");
        Assert.Equal(1, await infrastructure.ScalarAsync("select count(*) from payment.mt_doc_processedmessage where id = @id", ("id", $"{Consumer}:{messageId}")));
        var (empty, none) = await CliAsync(second, "dead-letters", "list");
        Assert.True(empty == AuditCommands.Clean, none);
        using var secondAdmin = second.CreateClient().As(Roles.Admin);
        await Eventually.ReturnsAsync(async () => await secondAdmin.GetStringAsync("/health"), health => health == "Healthy", TimeSpan.FromSeconds(10), "/health to say Healthy again");
        var (again, refused) = await CliAsync(second, "dead-letters", "replay", "--message", messageId.ToString());
        Assert.Equal(AuditCommands.Failed, again);
        Assert.Contains("404", refused, StringComparison.Ordinal);
        Assert.Equal(1, await FeesAssessedAsync(infrastructure, id));
    }

    [Fact]
    public async Task Only_an_administrator_sees_or_replays_dead_letters()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        await using var payment = Payment(infrastructure, cycles: null);
        using var finance = payment.CreateClient().As(Roles.Finance);
        using var anonymous = payment.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await finance.GetAsync("/api/admin/dead-letters")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/admin/dead-letters/replay", null)).StatusCode);
        using var admin = payment.CreateClient().As(Roles.Admin);
        var queues = await admin.GetStringAsync("/api/admin/dead-letters");
        Assert.Contains(Queue, queues, StringComparison.Ordinal);
    }

    private static ServiceHost<FeeAccount> Payment(TestInfrastructure infrastructure, string? cycles)
    {
        var settings = new Dictionary<string, string>
        {
            [MessagingRegistration.RetryLimitSetting] = "0",
            ["Payment:Jobs:PollInterval"] = "1.00:00:00",
        };
        if (cycles is not null)
        {
            settings["Cycles:Directory"] = cycles;
        }

        var host = new ServiceHost<FeeAccount>(infrastructure, settings);
        host.CreateClient().Dispose(); // started now: its consumer queue exists before anything is published
        return host;
    }

    private static async Task<(int Code, string Output)> CliAsync(ServiceHost<FeeAccount> payment, params string[] verb)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = [.. verb, "--url", "http://localhost", "--key", DevelopmentApiClients.KeyByRole[Roles.Admin]];
        var code = await AuditCommands.RunAsync(args, payment.Server.CreateHandler(), output, error);
        return (code, output + error.ToString());
    }

    private static Task<long> FeesAssessedAsync(TestInfrastructure infrastructure, Guid id) =>
        infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'fee_assessed'", ("id", id));
}
