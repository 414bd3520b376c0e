using System.Security.Cryptography;
using Npgsql;

namespace TitleReview.Intake.Features.Attachments;

/// <summary>An uploaded file's facts; the bytes stay in the table and are read only for a download.</summary>
public sealed record StoredAttachment(Guid Id, string UploadedBy, AttachmentKind Kind, string Sha256, long Length, string FileName, DateTimeOffset UploadedAt);

/// <summary>
/// Attachments in Intake's own PostgreSQL table (not in events, which carry only ids and hashes; not in JSON
/// documents, which would hold megabytes as base64). Written once, never changed.
/// </summary>
public sealed class AttachmentStore(NpgsqlDataSource database)
{
    private const string CreateTable = """
        select pg_advisory_xact_lock(74105);
        create schema if not exists intake;
        create table if not exists intake.attachments (
            id uuid primary key,
            uploaded_by text not null,
            kind text not null,
            sha256 text not null,
            length bigint not null,
            file_name text not null,
            uploaded_at timestamptz not null,
            content bytea not null);
        """;

    private const string Columns = "id, uploaded_by, kind, sha256, length, file_name, uploaded_at";

    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(CreateTable, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<StoredAttachment> SaveAsync(string uploadedBy, AttachmentKind kind, string fileName, byte[] content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attachment = new StoredAttachment(Guid.CreateVersion7(now), uploadedBy, kind, Convert.ToHexStringLower(SHA256.HashData(content)), content.LongLength, fileName, now);
        await using var command = database.CreateCommand($"insert into intake.attachments ({Columns}, content) values ($1, $2, $3, $4, $5, $6, $7, $8)");
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = uploadedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.Sha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = attachment.Length });
        command.Parameters.Add(new NpgsqlParameter { Value = fileName });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = content });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return attachment;
    }

    public async Task<IReadOnlyDictionary<Guid, StoredAttachment>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, StoredAttachment>();
        if (ids.Count == 0)
        {
            return found;
        }

        await using var command = database.CreateCommand($"select {Columns} from intake.attachments where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var attachment = Read(reader);
            found[attachment.Id] = attachment;
        }

        return found;
    }

    public async Task<(StoredAttachment Attachment, byte[] Content)?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"select {Columns}, content from intake.attachments where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), await reader.GetFieldValueAsync<byte[]>(7, cancellationToken)) : null;
    }

    private static StoredAttachment Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), Enum.Parse<AttachmentKind>(reader.GetString(2)), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6));
}

/// <summary>Creates the table before the first request, so no upload races the schema.</summary>
public sealed class AttachmentTableSetup(AttachmentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureTableAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
