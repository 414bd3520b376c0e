using Npgsql;

namespace TitleReview.ServiceDefaults;

/// <summary>
/// Connection strings for connections that take session advisory locks (the job leases, the key ring's first-key
/// lock): always reset on their way back to the pool, even when the deployment's string turned the reset off
/// (<c>No Reset On Close=true</c>). A lock whose release never ran (a cancellation between the grant and its answer, a
/// failed unlock) would otherwise stay with the pooled connection for as long as it lives, and lock every other
/// instance out; with the reset the next checkout's <c>pg_advisory_unlock_all()</c> frees it. A different string, so a
/// pool of its own.
/// </summary>
public static class SessionLockConnections
{
    public static string Of(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false }.ConnectionString;
}
