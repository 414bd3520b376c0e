using JasperFx.Events;
using TitleReview.EventStore.Messaging;

namespace TitleReview.Intake.UnitTests;

/// <summary>
/// The relay publishes a page's streams side by side but each stream's events one after another: a consumer that
/// folds an application must see its events in ledger order, whatever else is in the page.
/// </summary>
public sealed class RelayBatchTests
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    [Fact]
    public void Each_stream_keeps_the_ledger_order_even_when_the_page_does_not_list_it_in_order()
    {
        var page = new[] { At(7, First), At(3, Second), At(5, First), At(1, First), At(4, Second) };

        var streams = RelayBatch.InStreamOrder(page, new HashSet<Guid>()).ToList();

        Assert.Equal(2, streams.Count);
        Assert.Equal([1L, 5, 7], streams.Single(stream => stream[0].StreamId == First).Select(@event => @event.Sequence));
        Assert.Equal([3L, 4], streams.Single(stream => stream[0].StreamId == Second).Select(@event => @event.Sequence));
    }

    [Fact]
    public void A_retry_sends_only_what_the_failed_attempt_did_not()
    {
        var page = new[] { At(1, First), At(2, First), At(3, Second) };

        var streams = RelayBatch.InStreamOrder(page, new HashSet<Guid> { page[0].Id, page[2].Id }).ToList();

        Assert.Equal([2L], Assert.Single(streams).Select(@event => @event.Sequence));
    }

    [Fact]
    public void An_empty_page_publishes_nothing() =>
        Assert.Empty(RelayBatch.InStreamOrder([], new HashSet<Guid>()));

    private static Event<string> At(long sequence, Guid stream) =>
        new($"event {sequence}") { Sequence = sequence, StreamId = stream, Id = Guid.NewGuid() };
}
