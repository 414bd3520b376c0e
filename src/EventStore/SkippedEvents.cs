using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TitleReview.EventStore;

/// <summary>
/// Ledger rows this service's daemon went past. Its relay and its asynchronous projections skip a row whose data they
/// cannot read (written by hand, by a faulty tool, or by a build whose event shape this one no longer reads), and a
/// projection skips one its code throws on; Marten records each in its dead-letter table. Stopping there instead would
/// hold back every later event, so the skip is right. But after the relay's skip no other service ever hears of that
/// event, and after a projection's a read model (the committee's candidates, the finance ledger, the audit's fold)
/// misses it, so it may not be silent.
/// </summary>
public sealed class SkippedEvents(string connectionString, IDocumentStore store)
{
    /// <summary>How many sequences a reading names; the table holds them all.</summary>
    public const int Named = 10;

    /// <summary>What the daemon runs here ("IntakeRelay", "CommitteeCandidate"): the names Marten records skips under.</summary>
    private readonly Lazy<string[]> shards = new(() =>
        ((StoreOptions)store.Options).Projections.AllShards().Select(shard => shard.Name.Name).Distinct().Order(StringComparer.Ordinal).ToArray());

    public IReadOnlyList<string> Shards => shards.Value;

    /// <summary>How many rows were skipped, and the first <see cref="Named"/> by sequence with what skipped them.</summary>
    public async Task<(long Count, IReadOnlyList<(string Shard, long Sequence)> First)> ReadAsync(CancellationToken cancellationToken)
    {
        var names = shards.Value;
        if (names.Length == 0)
        {
            return (0, []);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            select count(*) over (), data ->> 'ProjectionName', (data ->> 'EventSequence')::bigint
            from {EventStoreRegistration.LedgerSchema}.mt_doc_deadletterevent
            where data ->> 'ProjectionName' = any(@shards)
            order by 3, 2
            limit {Named}
            """, connection);
        command.Parameters.AddWithValue("shards", names);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long count = 0;
        var first = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            count = reader.GetInt64(0);
            first.Add((reader.GetString(1), reader.GetInt64(2)));
        }

        return (count, first);
    }
}

/// <summary>
/// Degraded while the daemon has skipped any ledger row, naming them: they stay missing downstream until someone repairs
/// the rows (the audit's verification reports each as an event it cannot read) and deletes their records from
/// <c>ledger.mt_doc_deadletterevent</c>.
/// </summary>
public sealed class SkippedEventsHealthCheck(SkippedEvents skipped) : IHealthCheck
{
    public const string Name = "skipped-events";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (count, first) = await skipped.ReadAsync(cancellationToken);
        if (count == 0)
        {
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["skipped"] = 0L });
        }

        var named = string.Join("; ", first.Select(row => $"{row.Shard} {row.Sequence}")) + (count > first.Count ? "; …" : "");
        return HealthCheckResult.Degraded(
            $"跳过了 {count} 个未能处理的账本事件（{named}），下游没有收到它们 / " +
            $"skipped {count} ledger events that could not be read or applied ({named}); nothing downstream received them",
            data: new Dictionary<string, object> { ["skipped"] = count });
    }
}
