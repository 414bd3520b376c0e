using Npgsql;

namespace TitleReview.Audit.Features.Seals;

public enum SealProblemKind
{
    /// <summary>A sealed event's stored content no longer hashes to what was sealed.</summary>
    Changed,

    /// <summary>A sealed event is gone.</summary>
    Removed,

    /// <summary>An event sits inside a sealed range but was not there when it was sealed.</summary>
    Inserted,

    /// <summary>A seal no longer chains: the seal row or the hashes it covers were altered.</summary>
    SealBroken,
}

public sealed record SealProblem(SealProblemKind Kind, long? Sequence, long? SealNumber, Guid? ApplicationId, long? Version, string? Type, string Chinese, string English);

public sealed record SealCheckReport(bool Intact, int Seals, long SealedEvents, long? SealedUpTo, int ProblemCount, IReadOnlyList<SealProblem> Problems, DateTimeOffset CheckedAt);

/// <summary>
/// Recomputes every seal from the ledger as it is now: the chain of seal hashes, each seal's digest over its stored
/// event hashes, and every sealed event's hash against the event table. Reports each event changed, removed or
/// inserted before the last sealed sequence.
/// </summary>
public sealed class SealCheck(NpgsqlDataSource database, TimeProvider clock)
{
    private const int MaxReported = 1000;

    public async Task<SealCheckReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var select = new NpgsqlCommand($"{LedgerSeals.SelectSeals} order by seal_number", connection, transaction);
        var seals = await LedgerSeals.ReadSealsAsync(select, cancellationToken);
        var problems = new List<SealProblem>();
        var problemCount = 0;
        void Report(SealProblem problem)
        {
            problemCount++;
            if (problems.Count < MaxReported)
            {
                problems.Add(problem);
            }
        }

        CheckChain(seals, Report);
        var sealedEvents = await CheckDigestsAsync(connection, transaction, seals, Report, cancellationToken);
        if (seals.Count > 0)
        {
            await CheckEventsAsync(connection, transaction, seals[^1].UpToSequence, Report, cancellationToken);
        }

        return new SealCheckReport(problemCount == 0, seals.Count, sealedEvents, seals.Count > 0 ? seals[^1].UpToSequence : null,
            problemCount, problems, clock.GetUtcNow());
    }

    private static void CheckChain(IReadOnlyList<LedgerSeal> seals, Action<SealProblem> report)
    {
        var previous = LedgerSeal.Genesis;
        var expectedFrom = 0L;
        var expectedNumber = 1L;
        foreach (var seal in seals)
        {
            if (!seal.ChainsTo(previous) || seal.FromSequence != expectedFrom || seal.SealNumber != expectedNumber)
            {
                report(new SealProblem(SealProblemKind.SealBroken, null, seal.SealNumber, null, null, null,
                    $"第 {seal.SealNumber} 号封存记录与前一封存不衔接或已被改动。", $"Seal {seal.SealNumber} does not chain to the previous seal or was altered."));
            }

            previous = seal.SealHash;
            expectedFrom = seal.UpToSequence;
            expectedNumber = seal.SealNumber + 1;
        }
    }

    private static async Task<long> CheckDigestsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerSeal> seals,
        Action<SealProblem> report, CancellationToken cancellationToken)
    {
        var bySeal = seals.ToDictionary(s => s.SealNumber);
        await using var command = new NpgsqlCommand(
            "select seal_number, seq_id, event_hash from audit.ledger_sealed_events order by seal_number, seq_id", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var total = 0L;
        long? current = null;
        var digest = new EventsDigest();
        var seen = new HashSet<long>();
        void Close()
        {
            if (current is { } number)
            {
                seen.Add(number);
                var sealedDigest = digest.Finish();
                if (!bySeal.TryGetValue(number, out var seal) || seal.EventsDigest != sealedDigest || seal.EventCount != digest.Count)
                {
                    report(new SealProblem(SealProblemKind.SealBroken, null, number, null, null, null,
                        $"第 {number} 号封存所记录的事件摘要已被改动。", $"The event hashes stored under seal {number} were altered."));
                }
            }

            digest.Dispose();
            digest = new EventsDigest();
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            var number = reader.GetInt64(0);
            if (number != current)
            {
                Close();
                current = number;
            }

            digest.Add(reader.GetInt64(1), reader.GetString(2));
            total++;
        }

        Close();
        digest.Dispose();
        foreach (var missing in seals.Where(s => s.EventCount > 0 && !seen.Contains(s.SealNumber)))
        {
            report(new SealProblem(SealProblemKind.SealBroken, null, missing.SealNumber, null, null, null,
                $"第 {missing.SealNumber} 号封存的事件摘要记录缺失。", $"The event hashes of seal {missing.SealNumber} are missing."));
        }

        return total;
    }

    private static async Task CheckEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long sealedUpTo,
        Action<SealProblem> report, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select coalesce(s.seq_id, e.seq_id), s.seal_number, coalesce(s.stream_id, e.stream_id), coalesce(s.version, e.version), coalesce(s.type, e.type),
                   case when s.seq_id is null then 'inserted' when e.seq_id is null then 'removed' else 'changed' end
            from audit.ledger_sealed_events s
            full join (select e.seq_id, e.stream_id, e.version, e.type, {SealSql.EventHash} as hash
                       from {SealSql.Events} e where e.seq_id <= $1) e on e.seq_id = s.seq_id
            where s.event_hash is distinct from e.hash
            order by 1
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = sealedUpTo });
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            long? seal = await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetInt64(1);
            var application = reader.GetGuid(2);
            var version = reader.GetInt64(3);
            var type = reader.GetString(4);
            var (kind, chinese, english) = reader.GetString(5) switch
            {
                "inserted" => (SealProblemKind.Inserted, $"封存范围内出现了封存时不存在的事件（全局序号 {sequence}，{type}）。", $"Event {sequence} ({type}) appeared inside a sealed range."),
                "removed" => (SealProblemKind.Removed, $"已封存的事件被删除（全局序号 {sequence}，{type}）。", $"Sealed event {sequence} ({type}) was removed."),
                _ => (SealProblemKind.Changed, $"已封存的事件内容被改动（全局序号 {sequence}，{type}）。", $"Sealed event {sequence} ({type}) was changed."),
            };
            report(new SealProblem(kind, sequence, seal, application, version, type, chinese, english));
        }
    }
}
