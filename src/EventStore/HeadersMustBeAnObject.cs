using Marten;
using Marten.Schema;
using Npgsql;

namespace TitleReview.EventStore;

/// <summary>
/// A check on the event table: an event's headers are a JSON object or absent. Marten's daemon reads every event's
/// headers into a dictionary and does not skip one it fails to read: a single row whose headers were rewritten to a
/// JSON array stopped the Audit fold for good (found by forging one, see LedgerHeaderTests), and every daemon that loads
/// that event reads it the same way (relays, queues). Marten itself only ever writes an object.
/// </summary>
/// <remarks>
/// Added at start-up once Marten has created the event table (a Weasel schema object runs before the table exists on a
/// first install). Looked up before altering, so a started ledger is never locked again; <c>not valid</c>, so the first
/// time needs no scan of the whole ledger and an old row cannot keep a service from starting. Two instances adding it
/// at once: the second finds it there.
/// </remarks>
public sealed class HeadersMustBeAnObject : IInitialData
{
    public const string Name = "mt_events_headers_object";

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(store);
        var table = $"{EventStoreRegistration.LedgerSchema}.mt_events";
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"""
             do $$ begin
               if not exists (select 1 from pg_constraint where conname = '{Name}' and conrelid = '{table}'::regclass) then
                 alter table {table} add constraint {Name} check (headers is null or jsonb_typeof(headers) = 'object') not valid;
               end if;
             exception when duplicate_object then null;
             end $$;
             """, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
