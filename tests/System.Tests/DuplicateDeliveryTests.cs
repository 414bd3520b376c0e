using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Contracts.Events;
using TitleReview.Testing;

namespace TitleReview.SystemTests;

[Collection(SystemCollection.Name)]
public sealed class DuplicateDeliveryTests(SystemFixture system) : IAsyncLifetime
{
    private readonly Journey journey = new(system);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A test here moves the shared clock past the window's start; it goes back whatever the outcome.</summary>
    public Task DisposeAsync() => system.SetBusinessTimeAsync(Journey.InsideWindow);

    [Fact]
    public async Task The_same_FinalApproved_delivered_again_publishes_and_assesses_only_once()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("王五");
        await journey.WaitUntilQueuedForReviewAsync(id);
        await journey.ApproveAsync(id);
        await journey.PublishAsync(id);
        await Eventually.ReturnsAsync<JsonElement?>(async () => await journey.StatusAsync(id),
            s => s!.Value.GetProperty("fee").ValueKind == JsonValueKind.Object && s.Value.GetProperty("publicity").ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(60), "first delivery processed");
        var before = await system.Infrastructure.EventTypesAsync(id);

        var approval = await FinalApprovedEventAsync(id);
        var redelivered = new ConsumedCounter<FinalApproved>(approval.MessageId);
        using var publicity = system.Publicity.Services.GetRequiredService<IBus>().ConnectConsumeObserver(redelivered.ForService("publicity"));
        using var payment = system.Payment.Services.GetRequiredService<IBus>().ConnectConsumeObserver(redelivered.ForService("payment"));

        // Exactly what the relay would send again after a crash between publishing and recording its progress.
        await system.Intake.Services.GetRequiredService<IBus>().Publish(approval.Message, context => context.MessageId = approval.MessageId);

        await Eventually.ReturnsAsync<int?>(() => Task.FromResult<int?>(redelivered.Services.Count), count => count == 2,
            TimeSpan.FromSeconds(60), "both Publicity and Payment to consume the redelivered message");
        Assert.Equal(before, await system.Infrastructure.EventTypesAsync(id));
        Assert.Equal(1, before.Count(t => t == "published"));
        Assert.Equal(1, before.Count(t => t == "fee_assessed"));
        var pending = await system.PublicityApi.GetFromJsonAsync<JsonElement>("/api/publicity/pending");
        Assert.DoesNotContain(pending.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task The_same_ApplicationSubmitted_delivered_again_leaves_the_queue_item_untouched()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("赵六");
        await journey.WaitUntilQueuedForReviewAsync(id);
        var first = await system.ReviewApi.GetFromJsonAsync<JsonElement>($"/api/review/queue/{id}");

        var (messageId, submitted) = await EventAsync<ApplicationSubmitted>(id, "application_submitted");
        var redelivered = new ConsumedCounter<ApplicationSubmitted>(messageId);
        using var review = system.Review.Services.GetRequiredService<IBus>().ConnectConsumeObserver(redelivered.ForService("review"));
        await system.SetBusinessTimeAsync(Journey.InsideWindow.AddHours(3));
        await system.Intake.Services.GetRequiredService<IBus>().Publish(submitted, context => context.MessageId = messageId);

        await Eventually.ReturnsAsync<int?>(() => Task.FromResult<int?>(redelivered.Services.Count), count => count == 1,
            TimeSpan.FromSeconds(60), "Review to consume the redelivered message");
        var second = await system.ReviewApi.GetFromJsonAsync<JsonElement>($"/api/review/queue/{id}");
        Assert.Equal(first.GetProperty("queuedAt").GetString(), second.GetProperty("queuedAt").GetString());
    }

    private async Task<(Guid MessageId, FinalApproved Message)> FinalApprovedEventAsync(Guid id) => await EventAsync<FinalApproved>(id, "final_approved");

    private async Task<(Guid MessageId, T Message)> EventAsync<T>(Guid id, string type)
    {
        await using var connection = new Npgsql.NpgsqlConnection(system.Infrastructure.EventStore);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select id, data::text from ledger.mt_events where stream_id = @id and type = @type", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("type", type);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetGuid(0), JsonSerializer.Deserialize<T>(reader.GetString(1), Journey.Json)!);
    }

    /// <summary>Counts, per service, completed consumptions of one message id.</summary>
    private sealed class ConsumedCounter<T>(Guid messageId) where T : class
    {
        public Guid MessageId { get; } = messageId;

        public System.Collections.Concurrent.ConcurrentDictionary<string, int> Services { get; } = new();

        public IConsumeObserver ForService(string service) => new Observer(this, service);

        private sealed class Observer(ConsumedCounter<T> counter, string service) : IConsumeObserver
        {
            public Task PreConsume<TMessage>(ConsumeContext<TMessage> context) where TMessage : class => Task.CompletedTask;

            public Task PostConsume<TMessage>(ConsumeContext<TMessage> context) where TMessage : class
            {
                if (context.MessageId == counter.MessageId && context.Message is T)
                {
                    counter.Services.AddOrUpdate(service, 1, (_, n) => n + 1);
                }

                return Task.CompletedTask;
            }

            public Task ConsumeFault<TMessage>(ConsumeContext<TMessage> context, Exception exception) where TMessage : class => Task.CompletedTask;
        }
    }
}
