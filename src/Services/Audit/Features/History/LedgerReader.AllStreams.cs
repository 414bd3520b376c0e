using System.Data;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using TitleReview.EventStore;

namespace TitleReview.Audit.Features.History;

/// <summary>
/// The whole ledger, stream by stream, for verify-all. At province scale (10^7 events) one reader walking the
/// (stream, version) index spent most of its time waiting on scattered heap pages while the other core idled, so the
/// stream ids are cut into ranges read side by side, each on its own connection but all in one snapshot, and each
/// reader deserializes its own rows. Memory stays flat whatever the ledger's size: readers hand complete streams over
/// a bounded channel and wait while the verifier is behind.
/// </summary>
public sealed partial class LedgerReader
{
    private const int StreamsInFlight = 256;

    /// <summary>Readers side by side: one per core, at least two so reading overlaps waiting.</summary>
    private static int ReaderCount => Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>Every stream once, each complete and in version order; the streams themselves in no particular order.</summary>
    public async IAsyncEnumerable<IReadOnlyList<LedgerEvent>> AllStreamsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var first = await database.OpenConnectionAsync(cancellationToken);
        // One snapshot for the whole pass: events appended meanwhile are for the next run, not half of this one. The
        // other readers import it, so together they see exactly what a single reader would have.
        await using var transaction = await first.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var snapshot = (string)(await Scalar(first, transaction, "select pg_export_snapshot()", null, cancellationToken))!;
        var ranges = await RangesAsync(first, transaction, cancellationToken);

        var streams = Channel.CreateBounded<IReadOnlyList<LedgerEvent>>(new BoundedChannelOptions(StreamsInFlight) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = ranges.Select((range, index) => index == 0
            ? ReadRangeAsync(first, transaction, range, streams.Writer, stop.Token)
            : ReadRangeInSnapshotAsync(snapshot, range, streams.Writer, stop.Token)).ToArray();
        var allRead = Task.WhenAll(readers).ContinueWith(
            read => streams.Writer.TryComplete(read.Exception?.InnerException), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            await foreach (var history in streams.Reader.ReadAllAsync(cancellationToken))
            {
                yield return history;
            }
        }
        finally
        {
            // The caller stopped early or failed: the readers must not stay blocked on a channel nobody empties.
            await stop.CancelAsync();
            await allRead;
        }
    }

    /// <summary>Cuts the stream ids into <see cref="ReaderCount"/> ranges of about as many streams each (null: open end).</summary>
    private static async Task<List<(Guid? From, Guid? To)>> RangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var count = (long)(await Scalar(connection, transaction, $"select count(*) from {EventStoreRegistration.LedgerSchema}.mt_streams", null, cancellationToken))!;
        var bounds = new List<Guid?> { null };
        for (var reader = 1; reader < ReaderCount && count > 0; reader++)
        {
            var bound = await Scalar(connection, transaction,
                $"select id from {EventStoreRegistration.LedgerSchema}.mt_streams order by id offset $1 limit 1", count * reader / ReaderCount, cancellationToken);
            if (bound is Guid id && bounds[^1] != id)
            {
                bounds.Add(id);
            }
        }

        bounds.Add(null);
        return [.. bounds.Zip(bounds.Skip(1))];
    }

    private async Task ReadRangeInSnapshotAsync(string snapshot, (Guid? From, Guid? To) range, ChannelWriter<IReadOnlyList<LedgerEvent>> streams,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var import = new NpgsqlCommand($"set transaction snapshot '{snapshot.Replace("'", "''", StringComparison.Ordinal)}'", connection, transaction))
        {
            await import.ExecuteNonQueryAsync(cancellationToken);
        }

        await ReadRangeAsync(connection, transaction, range, streams, cancellationToken);
    }

    private async Task ReadRangeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, (Guid? From, Guid? To) range,
        ChannelWriter<IReadOnlyList<LedgerEvent>> streams, CancellationToken cancellationToken)
    {
        // Only the bounds a range has, so each reader's plan is a plain range scan of the index.
        var bounds = new List<string>();
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        if (range.From is { } from)
        {
            bounds.Add($"stream_id >= ${command.Parameters.Count + 1}");
            command.Parameters.Add(new NpgsqlParameter { Value = from });
        }

        if (range.To is { } to)
        {
            bounds.Add($"stream_id < ${command.Parameters.Count + 1}");
            command.Parameters.Add(new NpgsqlParameter { Value = to });
        }

        // The planner prices the whole table's (stream, version) order as a parallel sort, which at 10^7 events spills
        // gigabytes to disk and runs two workers per reader on cores the readers need; walking the index is what
        // "stream by stream" means and was faster measured (bench/README.md). Local to this transaction only.
        await using (var plan = new NpgsqlCommand("set local enable_sort = off; set local enable_seqscan = off", connection, transaction))
        {
            await plan.ExecuteNonQueryAsync(cancellationToken);
        }

        var where = bounds.Count == 0 ? "" : $"where {string.Join(" and ", bounds)}";
        command.CommandText = $"select {Columns} from {EventStoreRegistration.LedgerSchema}.mt_events {where} order by stream_id, version";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var current = new List<LedgerEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var @event = Read(reader);
            if (current.Count > 0 && current[0].ApplicationId != @event.ApplicationId)
            {
                await streams.WriteAsync(current, cancellationToken);
                current = [];
            }

            current.Add(@event);
        }

        if (current.Count > 0)
        {
            await streams.WriteAsync(current, cancellationToken);
        }
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object? parameter,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
