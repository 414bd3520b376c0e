using Npgsql;

namespace TitleReview.Testing;

/// <summary>
/// Rows in every table of a run's database (the ledger and every service's documents), to show that a refused
/// request wrote nothing anywhere, not only that no event carries its correlation id.
/// </summary>
public static class LedgerRows
{
    /// <summary>
    /// The row counts once earlier successes' messages have been consumed: the high-water mark and every async daemon
    /// shard (relays, folds) have reached the ledger's last event, and the counts stayed unchanged for
    /// <paramref name="stableReadings"/> more readings 300 ms apart. Counts
    /// alone were not enough: when concurrent appends leave a sequence gap, the daemon's high-water mark waits seconds
    /// before skipping it, so a relay still holding an earlier accepted submission published it after the "settled"
    /// count and its consumers' rows were blamed on the refusals that followed (a refusal answers 401/403 in the
    /// middleware, before any handler could write).
    /// </summary>
    public static async Task<RowCounts> SettledAsync(string connectionString, int stableReadings = 3)
    {
        var last = await CountAsync(connectionString);
        var unchanged = 0;
        for (var attempt = 0; attempt < 100 && (unchanged < stableReadings || !await DaemonsCaughtUpAsync(connectionString)); attempt++)
        {
            await Task.Delay(300);
            var now = await CountAsync(connectionString);
            unchanged = now.Total == last.Total ? unchanged + 1 : 0;
            last = now;
        }

        return last;
    }

    public static async Task<bool> DaemonsCaughtUpAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var behind = new NpgsqlCommand(
            """
            select count(*) from ledger.mt_event_progression
            where (name = 'HighWaterMark' or name like '%:%')
              and last_seq_id < (select coalesce(max(seq_id), 0) from ledger.mt_events)
            """, connection);
        return (long)(await behind.ExecuteScalarAsync())! == 0;
    }

    /// <summary>Rows per table of the ledger and of every service's tables written by requests (async folds and bookkeeping excluded).</summary>
    public static async Task<RowCounts> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
              and table_name not like 'mt_event_progression%' and table_name not like 'mt_hilo%'
              and table_name not like '%applicationlifecycle%' and table_name not like '%committeecandidate%' and table_name not like '%feemovement%'
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (tables.Count == 0)
        {
            return new RowCounts(counts);
        }

        // One statement, so every table is counted in the same snapshot.
        var select = "select " + string.Join(", ", tables.Select((table, i) => $"(select count(*) from {table}) as c{i}"));
        await using var count = new NpgsqlCommand(select, connection);
        await using var row = await count.ExecuteReaderAsync();
        await row.ReadAsync();
        for (var i = 0; i < tables.Count; i++)
        {
            counts[tables[i]] = row.GetInt64(i);
        }

        return new RowCounts(counts);
    }

    /// <summary>Row counts per table; the difference names the tables a refusal wrote to, so a failure says where to look.</summary>
    public sealed record RowCounts(SortedDictionary<string, long> PerTable)
    {
        public long Total => PerTable.Values.Sum();

        public string ChangesSince(RowCounts before) => string.Join(", ",
            PerTable.Keys.Union(before.PerTable.Keys)
                .Select(table => (table, was: before.PerTable.GetValueOrDefault(table), now: PerTable.GetValueOrDefault(table)))
                .Where(change => change.was != change.now)
                .Select(change => $"{change.table} {change.was} → {change.now}"));
    }
}
