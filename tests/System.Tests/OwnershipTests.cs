using Microsoft.Extensions.DependencyInjection;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.SystemTests;

[Collection(SystemCollection.Name)]
public sealed class OwnershipTests(SystemFixture system)
{
    [Fact]
    public async Task A_service_that_appends_an_event_it_does_not_own_is_refused_and_nothing_is_written()
    {
        var id = Guid.NewGuid();
        var review = system.Review.Services.GetRequiredService<LedgerSessions>();
        await using var session = review.Open(ActingContext.System("ownership-test", Guid.NewGuid().ToString()));
        session.Events.StartStream(id, new Published(id, Guid.NewGuid(), new DateOnly(2023, 6, 1), new DateOnly(2023, 6, 7), 5, "test", DateTimeOffset.UtcNow));

        var refused = await Assert.ThrowsAsync<EventNotOwnedException>(() => session.SaveChangesAsync());

        Assert.Contains("Review may not append Published", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id", ("id", id)));
    }

    [Fact]
    public async Task Each_service_may_append_the_events_it_owns()
    {
        var id = Guid.NewGuid();
        var intake = system.Intake.Services.GetRequiredService<LedgerSessions>();
        await using var session = intake.Open(ActingContext.System("ownership-test", Guid.NewGuid().ToString()));
        session.Events.StartStream(id, new ApplicationWithdrawn(id, "ownership test", DateTimeOffset.UtcNow));

        await session.SaveChangesAsync();

        Assert.Equal(1, await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id", ("id", id)));
    }
}
