using Npgsql;
using TitleReview.ServiceDefaults;

namespace TitleReview.EventStore.Jobs;

/// <summary>
/// Leases that make a job's run exclusive across every instance of every service on the same database: a PostgreSQL
/// session advisory lock keyed by the job's name, held on a connection of its own for as long as the run lasts. An
/// instance that dies mid-run loses its connection and with it the lease, so another instance takes the next run;
/// nothing has to expire first. PostgreSQL already decides who leads here (the daemons' hot/cold leadership is the
/// same mechanism), so no home-made lease table can drift from it.
/// </summary>
public sealed class JobLeases(string connectionString)
{
    /// <summary>A pool of the leases' own, one that resets its connections (see <see cref="SessionLockConnections"/>).</summary>
    private readonly string connectionString = SessionLockConnections.Of(connectionString);

    /// <summary>The lease for <paramref name="name"/>, or null while another instance holds it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended(@name, 0))", connection);
            take.Parameters.AddWithValue("name", Key(name));
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return new Lease(connection, Key(name));
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Prefixed, so a job's key cannot meet another user of advisory locks on the same database by chance.</summary>
    private static string Key(string name) => "titlereview-job:" + name;

    private sealed class Lease(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Unlocked explicitly: a pooled connection going back to the pool must not keep the lock.
                await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended(@name, 0))", connection);
                release.Parameters.AddWithValue("name", key);
                await release.ExecuteScalarAsync();
            }
            catch (NpgsqlException)
            {
                // The session is gone (PostgreSQL restarted, the network broke), and its locks went with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
