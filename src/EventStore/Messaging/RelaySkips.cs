using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Ledger rows this service's relay went past without publishing: Marten's daemon skips a row whose data it cannot
/// read (written by hand, by a faulty tool, or by a build whose event shape this one no longer reads) and records it in
/// its dead-letter table. Stopping there instead would hold back every later event of the service, so the skip is
/// right; but no other service ever hears of that event, so it may not be silent.
/// </summary>
public sealed class RelaySkips(string connectionString, string relayName)
{
    /// <summary>How many sequences the health text names; the table holds them all.</summary>
    public const int Named = 10;

    public async Task<(long Count, IReadOnlyList<long> First)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            select count(*) over (), (data ->> 'EventSequence')::bigint
            from {EventStoreRegistration.LedgerSchema}.mt_doc_deadletterevent
            where data ->> 'ProjectionName' = @relay
            order by 2
            limit {Named}
            """, connection);
        command.Parameters.AddWithValue("relay", relayName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long count = 0;
        var first = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            count = reader.GetInt64(0);
            first.Add(reader.GetInt64(1));
        }

        return (count, first);
    }
}

/// <summary>
/// Degraded while the relay has skipped any ledger row, naming the sequences: the other services are missing those
/// events until someone repairs the rows (the audit's verification reports each as an event it cannot read) and
/// clears them from <c>ledger.mt_doc_deadletterevent</c>.
/// </summary>
public sealed class RelaySkipsHealthCheck(RelaySkips skips) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (count, first) = await skips.ReadAsync(cancellationToken);
        if (count == 0)
        {
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["skipped"] = 0L });
        }

        var sequences = string.Join(", ", first) + (count > first.Count ? ", …" : "");
        return HealthCheckResult.Degraded(
            $"转发跳过了 {count} 个无法读取的账本事件（序号 {sequences}），其他服务收不到它们 / " +
            $"the relay skipped {count} ledger events it could not read (sequence {sequences}); no other service received them",
            data: new Dictionary<string, object> { ["skipped"] = count, ["sequences"] = first });
    }
}
