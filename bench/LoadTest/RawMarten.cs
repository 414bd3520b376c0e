using System.Diagnostics;
using System.Text;
using JasperFx;
using Marten;
using Npgsql;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Bench.Load;

/// <summary>
/// The ceiling the submission is compared with: Marten starting streams on this machine and server, with nothing else
/// in the transaction. A store configured as every service's ledger (<see cref="EventStoreRegistration.ConfigureLedger"/>,
/// with Intake's ownership guard and session metadata) on a scratch database beside the run's, <c>writers</c> concurrent
/// writers each doing StartStream(one ApplicationSubmitted) + SaveChangesAsync in a loop. The event is a copy of a real
/// submission of this run (the warm-up's), so it is exactly Submitted-sized.
/// </summary>
public static class RawMarten
{
    public sealed record Result(long Commits, TimeSpan Elapsed, LatencySummary Latency, int EventBytes, int Writers)
    {
        public double PerSecond => Commits / Elapsed.TotalSeconds;

        public override string ToString() =>
            $"{Commits:N0} commits by {Writers} writers in {Elapsed.TotalSeconds:F1} s = {PerSecond:N0} commits/s " +
            $"(event {EventBytes:N0} bytes of JSON); commit {Latency}";
    }

    public static async Task<Result> MeasureAsync(string runConnectionString, int writers, TimeSpan duration)
    {
        var run = new NpgsqlConnectionStringBuilder(runConnectionString);
        var scratch = new NpgsqlConnectionStringBuilder(runConnectionString) { Database = $"{run.Database}_raw", MaxPoolSize = writers + 10 };
        var sample = await SampleSubmissionAsync(runConnectionString);
        await Sql(runConnectionString, $"create database \"{scratch.Database}\"");
        try
        {
            using var store = DocumentStore.For(options =>
            {
                // The services' own connection settings (statements prepared from their second use), so the
                // denominator gets every help the services get.
                options.Connection(LedgerConnection.WithAutoPrepare(scratch.ConnectionString));
                options.DatabaseSchemaName = "intake";
                EventStoreRegistration.ConfigureLedger(options);
                options.Listeners.Add(new EventOwnershipGuard(ServiceName.Intake));
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            });
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var submitted = store.Options.Serializer().FromJson<ApplicationSubmitted>(new MemoryStream(Encoding.UTF8.GetBytes(sample)));

            // A few commits first: the first ones pay for connections and Marten's code generation.
            await WriteAsync(store, submitted, TimeSpan.FromSeconds(1), writers, _ => { });
            var latencies = new System.Collections.Concurrent.ConcurrentQueue<double>();
            var clock = Stopwatch.StartNew();
            var commits = await WriteAsync(store, submitted, duration, writers, latencies.Enqueue);
            return new Result(commits, clock.Elapsed, LatencySummary.Of(latencies), Encoding.UTF8.GetByteCount(sample), writers);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Sql(runConnectionString, $"drop database if exists \"{scratch.Database}\" with (force)");
        }
    }

    private static async Task<long> WriteAsync(DocumentStore store, ApplicationSubmitted submitted, TimeSpan duration, int writers, Action<double> latency)
    {
        var clock = Stopwatch.StartNew();
        var commits = 0L;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var id = Guid.CreateVersion7();
                await using var session = store.LightweightSession();
                // What LedgerSessions stamps on every session of a service.
                session.CorrelationId = Guid.NewGuid().ToString("N");
                session.LastModifiedBy = "dev-portal";
                session.SetHeader(ActingContext.UserIdHeader, "dev-portal");
                session.SetHeader(ActingContext.RoleHeader, Roles.Portal);
                session.SetHeader(ActingContext.ServiceHeader, nameof(ServiceName.Intake));
                session.Events.StartStream(id, submitted with { ApplicationId = id });
                await session.SaveChangesAsync();
                latency(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref commits);
            }
        })));
        return commits;
    }

    /// <summary>The JSON of the latest submission in the run's ledger (the warm-up's).</summary>
    private static async Task<string> SampleSubmissionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from ledger.mt_events where type = @type order by seq_id desc limit 1", connection);
        command.Parameters.AddWithValue("type", EventCatalog.For(typeof(ApplicationSubmitted)).StoredName);
        return await command.ExecuteScalarAsync() as string
            ?? throw new InvalidOperationException("No submission in the run's ledger to copy: the warm-up submits one first.");
    }

    public static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
