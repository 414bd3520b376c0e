using RabbitMQ.Client;
using TitleReview.Contracts.Events;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// Intake runs alone here: Review has never started on this broker. Its submission must still wait for Review in
/// Review's queue, declared and bound by Intake's relay before it published, not vanish into an unbound exchange.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class ConsumerTopologyTests(IntakeFixture intake)
{
    [Fact]
    public async Task A_submission_published_before_reviews_first_start_waits_in_reviews_queue()
    {
        var id = await new IntakeSteps(intake).SubmitAsync("拓扑");
        var eventId = Guid.Parse(await intake.Infrastructure.ScalarTextAsync(
            "select id::text from ledger.mt_events where stream_id = @id and type = 'application_submitted'", ("id", id)));
        var queue = SubscriptionCatalog.All.Single(s => s.Consumer == "QueueSubmittedApplications").Queue;

        var factory = new ConnectionFactory { Uri = new Uri(intake.Infrastructure.Messaging) };
        await using var connection = await factory.CreateConnectionAsync();
        var found = await Eventually.ReturnsAsync<bool?>(async () =>
        {
            // A fresh channel each look: the messages taken without acknowledgement go back when it closes.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                while (await channel.BasicGetAsync(queue, autoAck: false) is { } message)
                {
                    if (message.BasicProperties.MessageId == eventId.ToString())
                    {
                        return true;
                    }
                }
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
            {
                // No such queue (yet): the relay declares it before its first publish.
            }

            return false;
        }, seen => seen == true, TimeSpan.FromSeconds(60), $"the submission's event {eventId} in {queue}");
        Assert.True(found);
    }
}
