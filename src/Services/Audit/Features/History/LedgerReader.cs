using System.Collections.Frozen;
using System.Data.Common;
using System.Text.Json;
using Marten;
using Npgsql;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Audit.Features.History;

/// <summary>
/// Reads the event table itself, never a service's read model: an audit must not trust what it audits. The typed
/// data goes through Marten's own serializer so it is read exactly as the services wrote it.
/// </summary>
public sealed partial class LedgerReader(NpgsqlDataSource database, IDocumentStore store)
{
    // The data comes as jsonb's own UTF-8 (no string to decode and encode again before deserializing); the three headers
    // an audit shows are picked out by PostgreSQL, so the client never parses the headers document at all.
    private static readonly string Columns =
        $"seq_id, id, stream_id, version, type, timestamp, data, {HeaderColumn(ActingContext.UserIdHeader)}, {HeaderColumn(ActingContext.RoleHeader)}, " +
        $"{HeaderColumn(ActingContext.ServiceHeader)}, correlation_id, causation_id";

    private static readonly FrozenDictionary<string, Type> TypesByStoredName =
        EventCatalog.All.ToFrozenDictionary(d => d.StoredName, d => d.Type);

    public async Task<IReadOnlyList<LedgerEvent>> StreamAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"select {Columns} from {EventStoreRegistration.LedgerSchema}.mt_events where stream_id = $1 order by version");
        command.Parameters.Add(new NpgsqlParameter { Value = applicationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<LedgerEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }

        return events;
    }

    public async Task<long> CountStreamsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"select count(*) from {EventStoreRegistration.LedgerSchema}.mt_streams");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private LedgerEvent Read(DbDataReader reader)
    {
        var type = reader.GetString(4);
        var json = reader.GetFieldValue<byte[]>(6);
        return new LedgerEvent(
            Sequence: reader.GetInt64(0),
            EventId: reader.GetGuid(1),
            ApplicationId: reader.GetGuid(2),
            Version: reader.GetInt64(3),
            Type: type,
            Timestamp: reader.GetFieldValue<DateTimeOffset>(5),
            Data: TypesByStoredName.TryGetValue(type, out var clrType) ? Deserialize(clrType, json) : null,
            DataUtf8: json,
            UserId: NullableString(reader, 7),
            Role: NullableString(reader, 8),
            Service: NullableString(reader, 9),
            CorrelationId: NullableString(reader, 10),
            CausationId: NullableString(reader, 11));
    }

    private object? Deserialize(Type type, byte[] json)
    {
        try
        {
            using var stream = new MemoryStream(json, writable: false);
            return store.Options.Serializer().FromJson(type, stream);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            // Unreadable data is itself a finding (the verifier reports an event it cannot read), never a crash.
            return null;
        }
    }

    /// <summary>
    /// A header's value as text: a string as it is, anything else as its JSON (what <c>-&gt;&gt;</c> gives); absent, JSON
    /// null, or headers that are not an object: null.
    /// </summary>
    private static string HeaderColumn(string name) => $"headers ->> '{name.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
