using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace TitleReview.ServiceDefaults.KeyRing;

/// <summary>
/// The data-protection key ring in PostgreSQL, table <c>dataprotection.keys</c> of the ledger's database: every
/// instance reads the same keys, so a sign-in cookie or anti-forgery token that one instance issued, another accepts.
/// A pod's own disk cannot do that (and the containers' root file system is read-only, so ASP.NET Core would keep
/// keys in memory, new ones at every restart). The table is created on first use, under a lock (below).
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous, so are these calls; the framework makes them at start-up, when the
/// ring is first loaded, and about once a day when it refreshes, not per request.
/// </remarks>
public sealed class PostgresXmlRepository(string connectionString) : IXmlRepository, IDisposable
{
    public const string Schema = "dataprotection";
    public const string Table = Schema + ".keys";

    // PostgreSQL keeps the two-key advisory locks apart from the one-key ones (Marten's daemon locks): no collision.
    private const int LockClass = 0x4450_4B52;
    private const int CreateTableLock = 1;
    private const int FirstKeyLock = 2;

    // Reset on return whatever the deployment's string says: the first-key lock is a session lock (LoadExclusivelyAsync).
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(SessionLockConnections.Of(connectionString));
    private readonly Lock creating = new();
    private volatile bool created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureCreated();
        using var command = dataSource.CreateCommand($"select xml from {Table} order by created, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureCreated();
        // Keys are named key-{guid} and never rewritten: a second row with the same name would be a bug, so the
        // primary key refuses it rather than overwriting a key someone's cookie still needs.
        using var command = dataSource.CreateCommand($"insert into {Table} (friendly_name, xml) values ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = string.IsNullOrWhiteSpace(friendlyName) ? $"element-{Guid.NewGuid()}" : friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs <paramref name="loadKeyRing"/> while no other instance is inside it. Instances that start together on an
    /// empty ring would each find no key and create one, and each would then refuse the others' cookies until its
    /// next refresh (a day); loading one after the other, the second finds the first's key.
    /// </summary>
    public async Task LoadExclusivelyAsync(Action loadKeyRing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loadKeyRing);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({LockClass}, {FirstKeyLock})", connection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            loadKeyRing();
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockClass}, {FirstKeyLock})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// <c>create … if not exists</c> alone is not safe when two instances run it at once (both see no table, one
    /// fails on the catalogue's unique index), so creation takes a transaction-scoped lock; once the table exists
    /// nothing is locked, and a database user without the right to create schemas can still use a table made for it.
    /// </summary>
    private void EnsureCreated()
    {
        if (created)
        {
            return;
        }

        lock (creating)
        {
            if (created)
            {
                return;
            }

            using var connection = dataSource.OpenConnection();
            using (var exists = new NpgsqlCommand($"select to_regclass('{Table}') is not null", connection))
            {
                if (exists.ExecuteScalar() is true)
                {
                    created = true;
                    return;
                }
            }

            using var transaction = connection.BeginTransaction();
            using (var create = new NpgsqlCommand(
                $"""
                select pg_advisory_xact_lock({LockClass}, {CreateTableLock});
                create schema if not exists {Schema};
                create table if not exists {Table} (
                    friendly_name text primary key,
                    xml text not null,
                    created timestamptz not null default now());
                """, connection, transaction))
            {
                create.ExecuteNonQuery();
            }

            transaction.Commit();
            created = true;
        }
    }

    public void Dispose() => dataSource.Dispose();
}
