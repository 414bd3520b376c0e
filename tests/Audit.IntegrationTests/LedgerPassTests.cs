using Microsoft.Extensions.DependencyInjection;
using TitleReview.Audit.Features.History;

namespace TitleReview.Audit.IntegrationTests;

/// <summary>
/// Verify-all reads the ledger with several readers side by side (one range of stream ids each): every stream must
/// still come exactly once, complete and in version order, and from one snapshot taken when the pass began.
/// </summary>
[Collection(SyntheticLedgerCollection.Name)]
public sealed class LedgerPassTests(SyntheticLedgerFixture ledger)
{
    [Fact]
    public async Task Every_stream_comes_once_whole_and_in_order_and_what_is_appended_during_the_pass_waits_for_the_next()
    {
        for (var n = 0; n < 40; n++)
        {
            await ledger.AppendAsync(id => Histories.Clean(id));
        }

        var reader = ledger.Audit.Services.GetRequiredService<LedgerReader>();
        var total = await reader.CountStreamsAsync(CancellationToken.None);
        var seen = new Dictionary<Guid, int>();
        Guid? appendedDuring = null;
        await foreach (var history in reader.AllStreamsAsync(CancellationToken.None))
        {
            appendedDuring ??= await ledger.AppendAsync(id => Histories.Clean(id));
            var id = Assert.Single(history.Select(e => e.ApplicationId).Distinct());
            seen[id] = seen.GetValueOrDefault(id) + 1;
            Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Select(e => e.Version));
        }

        Assert.Equal(total, seen.Count);
        Assert.All(seen.Values, times => Assert.Equal(1, times));
        Assert.False(seen.ContainsKey(appendedDuring!.Value), "a stream appended after the pass began was read by it");
    }
}
