using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace TitleReview.EventStore;

/// <summary>
/// The ledger's connection string as the services use it, with two pool settings a deployment may override in its own
/// connection string (its choice stands):
/// <list type="bullet">
/// <item>Npgsql prepares the statements a connection runs again and again (the event append, the idempotency and
/// ownership reads, the daemon's progress), so PostgreSQL stops parsing and planning each one afresh. In a deadline
/// rush that was about a quarter of PostgreSQL's CPU per submission. Safe behind PgBouncer in session mode, which the
/// deployment uses; in transaction mode say <c>Max Auto Prepare=0</c>.</item>
/// <item>A connection going back to the pool is not reset. The reset is seven statements (RESET ALL, CLOSE ALL,
/// UNLISTEN *, pg_advisory_unlock_all() and three DISCARDs) that PostgreSQL runs on the next checkout, and a submission
/// checks out about seventeen connections: three quarters of all the statements it cost (bench/README.md). Nothing on
/// these connections leaves session state behind: settings are <c>set local</c>, and the one kind of session lock the
/// services take (a job's lease) lives in a pool of its own that keeps the reset (<see cref="ForSessionLocks"/>).</item>
/// </list>
/// </summary>
public static class LedgerConnection
{
    /// <summary>How many distinct statements each physical connection keeps prepared.</summary>
    public const int AutoPrepared = 64;

    private static readonly string[] MaxAutoPrepareKeys = ["Max Auto Prepare", "MaxAutoPrepare"];
    private static readonly string[] NoResetOnCloseKeys = ["No Reset On Close", "NoResetOnClose"];

    /// <summary><c>ConnectionStrings:eventstore</c>, tuned; the start-up stops with the reason when it is missing.</summary>
    public static string From(IConfiguration configuration) =>
        Tuned(configuration.GetConnectionString(EventStoreRegistration.ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{EventStoreRegistration.ConnectionName} is not set. Start PostgreSQL with 'deploy/local/infra.sh up' or run through the AppHost."));

    /// <summary>The connection string with statements auto-prepared and no reset on close, unless it says otherwise.</summary>
    public static string Tuned(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!MaxAutoPrepareKeys.Any(given.ContainsKey))
        {
            // Prepared from a statement's second use: a statement run once (a migration, a one-off report) is not
            // worth a slot, and the pool's connections share nothing, so each prepares what it runs itself.
            tuned.MaxAutoPrepare = AutoPrepared;
            tuned.AutoPrepareMinUsages = 2;
        }

        if (!NoResetOnCloseKeys.Any(given.ContainsKey))
        {
            tuned.NoResetOnClose = true;
        }

        return tuned.ConnectionString;
    }

    /// <summary>
    /// For connections that take session advisory locks: always reset on their way back to the pool, whatever the
    /// deployment set. A lock whose release never ran (a cancellation between the grant and its answer, a failed
    /// unlock) would otherwise stay with the pooled connection for as long as it lives, and lock every other instance
    /// out; with the reset the next checkout's <c>pg_advisory_unlock_all()</c> frees it. A different string, so a pool
    /// of its own.
    /// </summary>
    public static string ForSessionLocks(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false }.ConnectionString;
}
