using System.Diagnostics;
using Npgsql;
using TitleReview.Contracts.Events;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.Bench.Load;

/// <summary>
/// One hop from an event to its effect elsewhere, read afterwards from PostgreSQL, never from the load generator's
/// clock: the event's <c>timestamp</c> in the ledger (set by Marten in the service that appended it) and either the
/// later ledger event or the read model's commit. For a read model the time is the <c>mt_last_modified</c> of the
/// consumer's processed-message row, keyed by the consumer's name and the message id (= the event id): it is written
/// in the same transaction as the queue item or pending entry, so it is that row's commit time, and it stays put when
/// the queue item changes later (a claim rewrites the item). Each query gives one row per source event; null while the
/// effect is not there yet.
/// </summary>
public sealed record Hop(string Name, string Sql)
{
    public static readonly Hop SubmittedToReviewQueue = Consumed<ApplicationSubmitted>(
        "Submitted → review queue", "review", nameof(QueueSubmittedApplications));

    public static readonly Hop FinalApprovedToFeeAssessed = Ledger<FinalApproved, FeeAssessed>("FinalApproved → FeeAssessed");

    public static readonly Hop FinalApprovedToPublicityPending = Consumed<FinalApproved>(
        "FinalApproved → publicity pending", "publicity", nameof(AddToNextNotice));

    public static readonly Hop CommitteeDecidedToCertificateIssued = Ledger<CommitteeDecided, CertificateIssued>("CommitteeDecided → CertificateIssued");

    private static string Stored<T>() => EventCatalog.For(typeof(T)).StoredName;

    private static Hop Consumed<TEvent>(string name, string schema, string consumer) => new(name, $"""
        select extract(epoch from p.mt_last_modified - e.timestamp) * 1000
        from ledger.mt_events e
        left join {schema}.mt_doc_processedmessage p on p.id = '{consumer}:' || e.id
        where e.type = '{Stored<TEvent>()}' and e.stream_id = any(@ids)
        """);

    private static Hop Ledger<TFrom, TTo>(string name) => new(name, $"""
        select extract(epoch from t.timestamp - e.timestamp) * 1000
        from ledger.mt_events e
        left join ledger.mt_events t on t.stream_id = e.stream_id and t.type = '{Stored<TTo>()}'
        where e.type = '{Stored<TFrom>()}' and e.stream_id = any(@ids)
        """);
}

/// <summary>A hop's percentiles over the applications it was measured on, and how many never got there.</summary>
public sealed record HopResult(Hop Hop, LatencySummary Latency, int Missing)
{
    public override string ToString() => $"{Hop.Name}: {Latency}{(Missing > 0 ? $"; {Missing:N0} not there" : "")}";
}

public static class Propagation
{
    /// <summary>Waits (up to <paramref name="settle"/>) until every effect is there, then reads the hop.</summary>
    public static async Task<HopResult> MeasureAsync(string connectionString, Hop hop, IReadOnlyCollection<Guid> ids, TimeSpan settle)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var rows = await ReadAsync(connectionString, hop, ids);
            var missing = rows.Count(r => r is null);
            if (missing == 0 || clock.Elapsed > settle)
            {
                return new HopResult(hop, LatencySummary.Of(rows.OfType<double>()), missing + ids.Count - rows.Count);
            }

            await Task.Delay(500);
        }
    }

    private static async Task<List<double?>> ReadAsync(string connectionString, Hop hop, IReadOnlyCollection<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(hop.Sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var rows = new List<double?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.IsDBNull(0) ? null : Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return rows;
    }
}
