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

/// <summary>
/// The reader takes the three headers an audit shows out of the headers document in PostgreSQL: what it gives must be
/// what an auditor would read in the stored JSON, whatever values a writer (or a forger) put in it. A ledger of its
/// own, so the forged rows stay out of the other tests' folds.
/// </summary>
public sealed class LedgerHeaderTests : IClassFixture<SyntheticLedgerFixture>
{
    private readonly SyntheticLedgerFixture ledger;

    public LedgerHeaderTests(SyntheticLedgerFixture ledger) => this.ledger = ledger;

    [Theory]
    [InlineData("""{"user-id": "u-1", "user-role": "Reviewer", "service": "Review"}""", "u-1", "Reviewer", "Review")]
    [InlineData("""{"user-id": 42, "user-role": true, "service": {"name": "Review"}}""", "42", "true", """{"name": "Review"}""")]
    [InlineData("""{"user-id": null, "other": "x"}""", null, null, null)]
    [InlineData(null, null, null, null)]
    public async Task Each_header_reads_as_its_text_and_a_missing_or_null_one_as_nothing(string? headers, string? userId, string? role, string? service)
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id));
        Assert.Equal(1L, await ForgeHeadersAsync(id, headers));

        var first = (await ledger.Audit.Services.GetRequiredService<LedgerReader>().StreamAsync(id, CancellationToken.None))[0];

        Assert.Equal((userId, role, service), (first.UserId, first.Role, first.Service));
        Assert.NotNull(first.Data);
        // The stored data as UTF-8 JSON, without the version byte jsonb's binary form starts with.
        using var data = System.Text.Json.JsonDocument.Parse(first.DataUtf8);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, data.RootElement.ValueKind);
    }

    /// <summary>
    /// Headers that are not an object stopped the Audit fold (Marten's daemon cannot read them and does not skip the
    /// event): the ledger refuses them, whoever writes, and the history still reads as before.
    /// </summary>
    [Theory]
    [InlineData("""["user-id", "u-1"]""")]
    [InlineData("\"Review\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task Headers_that_are_not_an_object_are_refused_by_the_ledger(string headers)
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id));

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => ForgeHeadersAsync(id, headers));

        Assert.Equal(Npgsql.PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal(TitleReview.EventStore.HeadersMustBeAnObject.Name, refused.ConstraintName);
        var first = (await ledger.Audit.Services.GetRequiredService<LedgerReader>().StreamAsync(id, CancellationToken.None))[0];
        Assert.NotNull(first.Service);
    }

    /// <summary>Rewrites the headers of the stream's first event straight in the table, as a forger would; how many rows changed.</summary>
    private Task<long> ForgeHeadersAsync(Guid id, string? headers) => ledger.Infrastructure.ScalarAsync(
        $"with forged as (update {TitleReview.EventStore.EventStoreRegistration.LedgerSchema}.mt_events set headers = @headers::jsonb " +
        "where stream_id = @id and version = 1 returning 1) select count(*) from forged",
        ("headers", (object?)headers ?? DBNull.Value), ("id", id));
}
