using Npgsql;

namespace TitleReview.Audit.Features.Seals;

public sealed record SealOutcome(bool Sealed, LedgerSeal? Latest);

public sealed class SealOptions
{
    /// <summary>How often the job seals; zero turns the job off (sealing on demand still works).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Only events older than this are sealed: a transaction still open may yet commit an event with a lower
    /// sequence number, and sealing past it would later report that event as inserted.
    /// </summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Seals the ledger: the hash of every settled event since the last seal, chained to that seal.</summary>
public sealed class LedgerSeals(NpgsqlDataSource database, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SealOptions> options)
{
    /// <summary>One seal at a time across every Audit instance.</summary>
    private const long SealLockId = 74_100;

    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, $"select pg_advisory_xact_lock({SealLockId})", cancellationToken);
        await Execute(connection, transaction, SealSql.CreateTables, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SealOutcome> SealAsync(string sealedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, $"select pg_advisory_xact_lock({SealLockId})", cancellationToken);

        var latest = await LatestAsync(connection, transaction, cancellationToken);
        var from = latest?.UpToSequence ?? 0;
        var upTo = await SettledSequenceAsync(connection, transaction, cancellationToken);
        if (upTo <= from)
        {
            return new SealOutcome(false, latest);
        }

        var number = (latest?.SealNumber ?? 0) + 1;
        await using (var insert = new NpgsqlCommand($"""
            insert into audit.ledger_sealed_events (seq_id, seal_number, stream_id, version, type, event_hash)
            select e.seq_id, $1, e.stream_id, e.version, e.type, {SealSql.EventHash}
            from {SealSql.Events} e where e.seq_id > $2 and e.seq_id <= $3
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = number });
            insert.Parameters.Add(new NpgsqlParameter { Value = from });
            insert.Parameters.Add(new NpgsqlParameter { Value = upTo });
            insert.CommandTimeout = 0;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        using var digest = new EventsDigest();
        await using (var read = new NpgsqlCommand(
            "select seq_id, event_hash from audit.ledger_sealed_events where seal_number = $1 order by seq_id", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = number });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                digest.Add(reader.GetInt64(0), reader.GetString(1));
            }
        }

        var count = digest.Count;
        var eventsDigest = digest.Finish();
        var previous = latest?.SealHash ?? LedgerSeal.Genesis;
        var seal = new LedgerSeal(number, from, upTo, count, eventsDigest, previous,
            LedgerSeal.HashOf(previous, number, from, upTo, count, eventsDigest), clock.GetUtcNow(), sealedBy);
        await using (var save = new NpgsqlCommand("""
            insert into audit.ledger_seals (seal_number, from_sequence, up_to_sequence, event_count, events_digest, previous_seal_hash, seal_hash, sealed_at, sealed_by)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, connection, transaction))
        {
            foreach (var value in new object[] { seal.SealNumber, seal.FromSequence, seal.UpToSequence, seal.EventCount, seal.EventsDigest, seal.PreviousSealHash, seal.SealHash, seal.SealedAt, seal.SealedBy })
            {
                save.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SealOutcome(true, seal);
    }

    public async Task<(IReadOnlyList<LedgerSeal> Items, long Total)> ListAsync(int page, int size, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var total = (long)(await new NpgsqlCommand("select count(*) from audit.ledger_seals", connection).ExecuteScalarAsync(cancellationToken))!;
        await using var command = new NpgsqlCommand($"{SelectSeals} order by seal_number desc limit $1 offset $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = size });
        command.Parameters.Add(new NpgsqlParameter { Value = (page - 1) * size });
        return (await ReadSealsAsync(command, cancellationToken), total);
    }

    internal const string SelectSeals =
        "select seal_number, from_sequence, up_to_sequence, event_count, events_digest, previous_seal_hash, seal_hash, sealed_at, sealed_by from audit.ledger_seals";

    internal static async Task<IReadOnlyList<LedgerSeal>> ReadSealsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var seals = new List<LedgerSeal>();
        while (await reader.ReadAsync(cancellationToken))
        {
            seals.Add(new LedgerSeal(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), await reader.GetFieldValueAsync<DateTimeOffset>(7, cancellationToken), reader.GetString(8)));
        }

        return seals;
    }

    private static async Task<LedgerSeal?> LatestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{SelectSeals} order by seal_number desc limit 1", connection, transaction);
        var seals = await ReadSealsAsync(command, cancellationToken);
        return seals.Count > 0 ? seals[0] : null;
    }

    private async Task<long> SettledSequenceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {SealSql.Events} where timestamp <= now() - $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Settle });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
