using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace TitleReview.EventStore;

/// <summary>
/// The ledger's connection string as the services use it. Npgsql prepares the statements a connection runs again and
/// again (the event append, the idempotency and ownership reads, the daemon's progress), so PostgreSQL stops parsing
/// and planning each one afresh: in a deadline rush that was about a quarter of PostgreSQL's CPU per submission
/// (bench/README.md). Safe behind PgBouncer in session mode, which the deployment uses; a deployment that pools in
/// transaction mode, or wants it off, says so in its own connection string (<c>Max Auto Prepare=0</c>), which stands.
/// <para>
/// The pool's reset stays on. Without it (<c>No Reset On Close=true</c>) a submission costs a tenth less CPU, but the
/// reset is what frees a session advisory lock left on a returned connection, and Marten's hot/cold daemon holds its
/// leadership as a session lock on a connection from this same pool (Marten 9's default; bench/README.md has both the
/// figures and the lock holders). A deployment may still opt out of the reset in its string: job leases and the key
/// ring keep it anyway (<see cref="ServiceDefaults.SessionLockConnections"/>).
/// </para>
/// </summary>
public static class LedgerConnection
{
    /// <summary>How many distinct statements each physical connection keeps prepared.</summary>
    public const int AutoPrepared = 64;

    private static readonly string[] MaxAutoPrepareKeys = ["Max Auto Prepare", "MaxAutoPrepare"];

    /// <summary><c>ConnectionStrings:eventstore</c>, with statements auto-prepared; the start-up stops with the reason when it is missing.</summary>
    public static string From(IConfiguration configuration) =>
        WithAutoPrepare(configuration.GetConnectionString(EventStoreRegistration.ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{EventStoreRegistration.ConnectionName} is not set. Start PostgreSQL with 'deploy/local/infra.sh up' or run through the AppHost."));

    /// <summary>The connection string with statements auto-prepared, unless it says otherwise.</summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (MaxAutoPrepareKeys.Any(given.ContainsKey))
        {
            return connectionString;
        }

        // Prepared from a statement's second use: a statement run once (a migration, a one-off report) is not worth a
        // slot, and the pool's connections share nothing, so each prepares what it runs itself.
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepared, AutoPrepareMinUsages = 2 }.ConnectionString;
    }
}
