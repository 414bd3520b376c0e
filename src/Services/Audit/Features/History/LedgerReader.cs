using System.Collections.Frozen;
using System.Data.Common;
using System.Text;
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
    private const string Columns = "seq_id, id, stream_id, version, type, timestamp, data::text, headers::text, correlation_id, causation_id";

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
        var json = reader.GetString(6);
        var headers = reader.IsDBNull(7) ? null : JsonDocument.Parse(reader.GetString(7));
        using (headers)
        {
            return new LedgerEvent(
                Sequence: reader.GetInt64(0),
                EventId: reader.GetGuid(1),
                ApplicationId: reader.GetGuid(2),
                Version: reader.GetInt64(3),
                Type: type,
                Timestamp: reader.GetFieldValue<DateTimeOffset>(5),
                Data: TypesByStoredName.TryGetValue(type, out var clrType) ? Deserialize(clrType, json) : null,
                DataJson: json,
                UserId: Header(headers, ActingContext.UserIdHeader),
                Role: Header(headers, ActingContext.RoleHeader),
                Service: Header(headers, ActingContext.ServiceHeader),
                CorrelationId: reader.IsDBNull(8) ? null : reader.GetString(8),
                CausationId: reader.IsDBNull(9) ? null : reader.GetString(9));
        }
    }

    private object? Deserialize(Type type, string json)
    {
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            return store.Options.Serializer().FromJson(type, stream);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            // Unreadable data is itself a finding (the verifier reports an event it cannot read), never a crash.
            return null;
        }
    }

    private static string? Header(JsonDocument? headers, string name) =>
        headers is not null && headers.RootElement.ValueKind == JsonValueKind.Object && headers.RootElement.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
            : null;
}
