using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace TitleReview.Audit.IntegrationTests;

/// <summary>Seals chain over the ledger; a change made with SQL after a seal is caught and named.</summary>
[Collection(SyntheticLedgerCollection.Name)]
public sealed class AuditSealTests(SyntheticLedgerFixture ledger)
{
    [Fact]
    public async Task Changing_or_removing_a_sealed_event_with_SQL_is_reported_by_check_seals()
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id));
        var first = await SealAsync();
        var intact = await CheckAsync();
        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
        Assert.Equal(0, intact.GetProperty("problemCount").GetInt32());

        // A second seal covers only what came after the first, chained to it.
        var later = await ledger.AppendAsync(id => Histories.Clean(id));
        var second = await SealAsync();
        Assert.Equal(first.GetProperty("sealHash").GetString(), second.GetProperty("previousSealHash").GetString());
        Assert.Equal(first.GetProperty("upToSequence").GetInt64(), second.GetProperty("fromSequence").GetInt64());

        var fee = await SequenceOfAsync(id, "fee_assessed");
        var removed = await SequenceOfAsync(later, "review_started");
        await ExecuteAsync($"update ledger.mt_events set data = jsonb_set(data, '{{Amount}}', '3.00') where seq_id = {fee}");
        await ExecuteAsync($"delete from ledger.mt_events where seq_id = {removed}");

        var report = await CheckAsync();

        Assert.False(report.GetProperty("intact").GetBoolean());
        var problems = report.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(2, problems.Count);
        var changed = Assert.Single(problems, p => p.GetProperty("kind").GetString() == "Changed");
        Assert.Equal(fee, changed.GetProperty("sequence").GetInt64());
        Assert.Equal(id, changed.GetProperty("applicationId").GetGuid());
        Assert.Equal(first.GetProperty("sealNumber").GetInt64(), changed.GetProperty("sealNumber").GetInt64());
        var gone = Assert.Single(problems, p => p.GetProperty("kind").GetString() == "Removed");
        Assert.Equal(removed, gone.GetProperty("sequence").GetInt64());
        Assert.Equal(second.GetProperty("sealNumber").GetInt64(), gone.GetProperty("sealNumber").GetInt64());
    }

    /// <summary>A timestamp of 'infinity' in the ledger made every later seal a 500 (no epoch to hash); it seals and checks.</summary>
    [Fact]
    public async Task An_event_stored_with_an_infinite_timestamp_is_sealed_and_checked_not_a_server_error()
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id));
        var fee = await SequenceOfAsync(id, "fee_assessed");
        await ExecuteAsync($"update ledger.mt_events set timestamp = 'infinity' where seq_id = {fee}");

        var seal = await SealAsync();
        Assert.True(seal.GetProperty("upToSequence").GetInt64() >= fee, seal.ToString());
        var report = await CheckAsync();
        Assert.DoesNotContain(report.GetProperty("problems").EnumerateArray(), p => p.GetProperty("sequence").GetInt64() == fee);
    }

    [Fact]
    public async Task Seals_are_append_only_in_the_database()
    {
        await ledger.AppendAsync(id => Histories.Clean(id));
        await SealAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("update audit.ledger_seals set seal_hash = 'forged'"));
        Assert.Contains("append-only", refused.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("delete from audit.ledger_sealed_events"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("truncate audit.ledger_seals cascade"));
    }

    private async Task<JsonElement> SealAsync()
    {
        using var response = await ledger.AuditApi.PostAsync("/api/audit/seals", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> CheckAsync()
    {
        using var response = await ledger.AuditApi.PostAsync("/api/audit/seals/check", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<long> SequenceOfAsync(Guid id, string type) =>
        ledger.Infrastructure.ScalarAsync("select seq_id from ledger.mt_events where stream_id = @id and type = @type", ("id", id), ("type", type));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ledger.Infrastructure.EventStore);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
