using JasperFx.Events;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;

namespace TitleReview.Intake.UnitTests;

/// <summary>Only applications are folded into applications: the ledger's other streams leave no snapshot behind.</summary>
public sealed class ApplicationLifecycleProjectionTests
{
    private readonly ApplicationLifecycleProjection projection = new();

    [Fact]
    public void A_stream_that_does_not_begin_as_an_application_gives_no_application()
    {
        var calendar = new WorkingDayCalendarImported(2027, 1, [], [], "国务院办公厅通知", new DateOnly(2026, 11, 1), "admin", DateTimeOffset.UnixEpoch);

        Assert.Null(projection.Evolve(null, Guid.NewGuid(), new Event<WorkingDayCalendarImported>(calendar) { Version = 1 }));
        Assert.Null(projection.Evolve(null, Guid.NewGuid(), new Event<object>(new object()) { Version = 1 }));
    }

    [Fact]
    public void An_application_event_starts_one()
    {
        var id = Guid.NewGuid();
        var withdrawn = new ApplicationWithdrawn(id, "本人撤回", DateTimeOffset.UnixEpoch);

        var state = projection.Evolve(null, id, new Event<ApplicationWithdrawn>(withdrawn) { Version = 1 });

        Assert.Equal(id, Assert.IsType<TitleReview.Domain.Lifecycle.ApplicationLifecycle>(state).Id);
    }
}
