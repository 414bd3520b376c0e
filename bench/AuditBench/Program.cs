using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Verification;
using TitleReview.Bench.Audit;
using TitleReview.EventStore;

// Verify-all over a synthetic ledger, beside a plain sequential read of the same event table in the same run.
// Usage: dotnet run -c Release --project bench/AuditBench [applications=100000]   (1000000 for province scale: ~10^7 events)
// Needs ConnectionStrings__eventstore (deploy/local/infra.sh env); works in a database of its own, dropped at the end.
var applications = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var admin = Environment.GetEnvironmentVariable("ConnectionStrings__eventstore")
    ?? throw new InvalidOperationException("Set ConnectionStrings__eventstore (eval \"$(deploy/local/infra.sh env)\").");
// AUDITBENCH_DATABASE names a database to create once and keep (to compare changes at 10^6 without regenerating it).
var kept = Environment.GetEnvironmentVariable("AUDITBENCH_DATABASE");
var database = kept ?? $"bench_audit_{DateTime.UtcNow:yyyyMMddHHmmss}";
var reuse = kept is not null && await Exists(admin, kept);
if (!reuse)
{
    await Sql(admin, $"create database {database}");
}

var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, CommandTimeout = 0 }.ConnectionString;
try
{
    using var store = DocumentStore.For(options =>
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = "audit";
        EventStoreRegistration.ConfigureLedger(options);
        options.Schema.For<VerificationRun>();
        options.Schema.For<RunFinding>().Index(f => f.RunId);
    });
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    await using var dataSource = NpgsqlDataSource.Create(connectionString);

    var clock = Stopwatch.StartNew();
    var broken = (applications + 99) / 100; // SyntheticLedger breaks every hundredth, from the first
    if (!reuse)
    {
        (var events, broken) = await SyntheticLedger.WriteAsync(dataSource, store, applications);
        await Sql(connectionString, "vacuum analyze ledger.mt_events");
        Console.WriteLine($"generated {applications:N0} applications, {events:N0} events ({broken:N0} with a fee mismatch) in {clock.Elapsed.TotalSeconds:F1} s");
    }

    clock.Restart();
    var read = await SequentialReadAsync(dataSource);
    var sequential = clock.Elapsed;
    Report("plain sequential read (order by seq_id, every column)", read, sequential);

    var ledger = new LedgerReader(dataSource, store);
    clock.Restart();
    var perStream = 0L;
    await foreach (var history in ledger.AllStreamsAsync(CancellationToken.None))
    {
        perStream += history.Count;
    }

    Report("read per stream + deserialize (no rules)", perStream, clock.Elapsed);

    var runner = new VerificationRunner(store, ledger, new TitleReview.EventStore.WorkingDays.WorkingDayCalendars(store, NullLogger<TitleReview.EventStore.WorkingDays.WorkingDayCalendars>.Instance),
        TitleReview.Domain.Cycles.ReviewCycleCatalogue.Shipped, TimeProvider.System, new TitleReview.EventStore.Jobs.JobLeases(connectionString),
        NullLogger<VerificationRunner>.Instance);
    var run = await runner.StartAsync("bench", CancellationToken.None);
    clock.Restart();
    await runner.RunAsync(run.Id, CancellationToken.None);
    var verify = clock.Elapsed;
    await using var query = store.QuerySession();
    var finished = (await query.LoadAsync<VerificationRun>(run.Id))!;
    Report($"verify-all (VerificationRunner, {finished.FindingCount:N0} findings stored)", finished.CheckedEvents, verify);
    Console.WriteLine($"verify-all / sequential read: {verify.TotalSeconds / sequential.TotalSeconds:F1}x the time, {sequential.TotalSeconds / verify.TotalSeconds:P0} of the rate");
    // Bounded memory is the point at province scale: the ledger is streamed, so the peak must not grow with it.
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"peak working set {self.PeakWorkingSet64 / 1024 / 1024:N0} MiB, managed heap after the run {GC.GetGCMemoryInfo().HeapSizeBytes / 1024 / 1024:N0} MiB");
    if (finished.FindingCount != broken || finished.CheckedApplications != applications)
    {
        throw new InvalidOperationException($"expected {broken} findings over {applications} applications, got {finished.FindingCount} over {finished.CheckedApplications}");
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    if (kept is null)
    {
        await Sql(admin, $"drop database if exists {database} with (force)");
    }
}

static void Report(string what, long events, TimeSpan elapsed) =>
    Console.WriteLine($"{what}: {events:N0} events in {elapsed.TotalSeconds:F1} s = {events / elapsed.TotalSeconds:N0} events/s");

static async Task<long> SequentialReadAsync(NpgsqlDataSource dataSource)
{
    await using var command = dataSource.CreateCommand(
        "select seq_id, id, stream_id, version, type, timestamp, data::text, headers::text, correlation_id, causation_id from ledger.mt_events order by seq_id");
    await using var reader = await command.ExecuteReaderAsync();
    var rows = 0L;
    while (await reader.ReadAsync())
    {
        _ = reader.GetString(6);
        rows++;
    }

    return rows;
}

static async Task<bool> Exists(string admin, string database)
{
    await using var connection = new NpgsqlConnection(admin);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("select count(*) from pg_database where datname = $1", connection) { Parameters = { new() { Value = database } } };
    return (long)(await command.ExecuteScalarAsync())! > 0;
}

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}
