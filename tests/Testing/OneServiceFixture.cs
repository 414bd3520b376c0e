using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.Time;

namespace TitleReview.Testing;

/// <summary>
/// One service alone on a ledger and virtual host of its own, listening on a real port (eShop's one-service fixture).
/// What other services would have done reaches it the way it would in production, without running them: their
/// events forged into the ledger (<see cref="Forger"/>) and their messages published on the bus as their relay
/// would (<see cref="PublishAsync{T}"/>). Nothing else runs on this ledger, so nothing else reacts to the forgeries.
/// </summary>
public abstract class OneServiceFixture<TMarker> : IAsyncLifetime where TMarker : class
{
    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public ServiceHost<TMarker> Host { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public LedgerForger Forger { get; private set; } = null!;

    /// <summary>The service's document schema: where its read models and processed-message records live.</summary>
    protected abstract string Schema { get; }

    /// <summary>The service's own settings on top of <see cref="ServiceHost{TMarker}"/>'s test defaults.</summary>
    protected virtual Dictionary<string, string> Settings(Uri address) => [];

    /// <summary>Business time when the fixture started; <see cref="ResetBusinessTime"/> returns to it.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    public virtual async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        var port = Ports.Free();
        Address = new Uri($"http://127.0.0.1:{port}");
        Host = new ServiceHost<TMarker>(Infrastructure, Settings(Address));
        Host.UseKestrel(port);
        Host.StartServer();
        Forger = new LedgerForger(Infrastructure.EventStore);
        StartedAt = Clock.GetUtcNow();
    }

    /// <summary>A client of the service's real port, signed in with the development key of <paramref name="role"/> when given.</summary>
    public HttpClient Client(string? role = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        return role is null ? client : client.As(role);
    }

    public AdjustableTimeProvider Clock => Host.Services.GetRequiredService<AdjustableTimeProvider>();

    /// <summary>Moves this service's business time (a test that moves it resets it when it ends, pass or fail).</summary>
    public void SetBusinessTime(DateTimeOffset utcNow) => Clock.SetUtcNow(utcNow);

    public void ResetBusinessTime() => Clock.SetUtcNow(StartedAt);

    /// <summary>
    /// Publishes <paramref name="message"/> as its owner's relay would (the same bus, a fresh message id) and waits
    /// until <paramref name="consumer"/> has committed its effect (its processed-message record).
    /// </summary>
    public async Task PublishAsync<T>(T message, string consumer, TimeSpan? timeout = null) where T : class
    {
        var messageId = NewId.NextGuid();
        await Host.Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId);
        await ConsumedAsync(consumer, messageId, timeout);
    }

    /// <summary>Waits until <paramref name="consumer"/> has committed its effect for the message <paramref name="messageId"/>.</summary>
    public Task ConsumedAsync(string consumer, Guid messageId, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync<long?>(
            async () => await Infrastructure.ScalarAsync($"select count(*) from {Schema}.mt_doc_processedmessage where id = @id", ("id", $"{consumer}:{messageId}")),
            count => count == 1, timeout ?? TimeSpan.FromSeconds(60), $"{consumer} to handle message {messageId}");

    public virtual async Task DisposeAsync()
    {
        Forger.Dispose();
        await Host.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
