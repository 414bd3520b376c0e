using JasperFx;
using Marten;
using Npgsql;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.SystemTests;

/// <summary>
/// Events stored before the module codes hold the Chinese label; the ledger keeps them as written, so they must read
/// back with codes. Each test owns a database on the shared PostgreSQL (source .local/infra.env).
/// </summary>
public sealed class StoredCodeUpcasterTests : IAsyncLifetime
{
    private readonly string database = "upcast_" + Guid.NewGuid().ToString("N")[..12];
    private string admin = "";
    private DocumentStore store = null!;

    public async Task InitializeAsync()
    {
        admin = Environment.GetEnvironmentVariable("ConnectionStrings__eventstore")
            ?? throw new InvalidOperationException("Source .local/infra.env: ConnectionStrings__eventstore is not set.");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.AutoCreateSchemaObjects = AutoCreate.All;
            EventStoreRegistration.ConfigureLedger(options);
        });
    }

    public async Task DisposeAsync()
    {
        store.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_revision_request_stored_with_Chinese_module_labels_reads_back_with_codes()
    {
        var id = Guid.NewGuid();
        await AppendAsOldVersionWroteIt(id, new RevisionRequested(id,
            [new(ApplicationModules.Basic, "姓名有误"), new(ApplicationModules.Education, "补充学位证")],
            DateTimeOffset.UtcNow));

        var read = Assert.IsType<RevisionRequested>(Assert.Single(await FetchAsync(id)));

        Assert.Equal([ApplicationModules.Basic, ApplicationModules.Education], read.Comments.Select(c => c.Module));
        Assert.Equal("补充学位证", read.Comments[1].Comment);
    }

    [Fact]
    public async Task A_resubmission_stored_with_Chinese_labels_reads_back_with_codes_in_every_module_field()
    {
        var id = Guid.NewGuid();
        var attachment = Guid.NewGuid();
        await AppendAsOldVersionWroteIt(id, new ApplicationResubmitted(id,
            [ApplicationModules.Declaration, ApplicationModules.WorkSummary], DateTimeOffset.UtcNow,
            Checklist: [new ChecklistItem("route", "三(一)", ApplicationModules.Basic, "核实申报途径", "—")],
            Attachments: [new AttachmentReference(attachment, "Word", "ab", 10, ApplicationModules.WorkSummary,
                "dossier.workSummary.documentId")]));

        var read = Assert.IsType<ApplicationResubmitted>(Assert.Single(await FetchAsync(id)));

        Assert.Equal([ApplicationModules.Declaration, ApplicationModules.WorkSummary], read.ChangedModules);
        Assert.Equal(ApplicationModules.Basic, Assert.Single(read.Checklist!).Module);
        Assert.Equal(ApplicationModules.WorkSummary, Assert.Single(read.Attachments!).Module);
        Assert.Equal(attachment, read.Attachments![0].Id);
    }

    [Fact]
    public async Task A_submission_written_with_codes_reads_back_unchanged_to_the_last_field_of_its_dossier()
    {
        // The upcaster reads a row whose modules are all codes straight through (no rewrite): the whole event, dossier
        // and attachment references included, must come back as it was written.
        var id = Guid.NewGuid();
        var dossier = ExampleApplication.Create(new DateOnly(2023, 5, 30), ExampleAttachments.Placeholders).Dossier;
        var written = new ApplicationSubmitted(id, "张三", "单位", "工程", "软件", TitleLevel.Engineer, "xishan-2023",
            DateTimeOffset.UtcNow, SchemaVersion: 2, Dossier: dossier,
            Checklist: [new ChecklistItem("exceptional", "二(八)", ApplicationModules.Exceptional, "核实", "—")],
            Attachments: [new AttachmentReference(Guid.NewGuid(), "Pdf", "ab", 10, ApplicationModules.WorkSummary, "dossier.workSummary.documentId")]);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(id, written);
            await session.SaveChangesAsync();
        }

        var read = Assert.IsType<ApplicationSubmitted>(Assert.Single(await FetchAsync(id)));

        Assert.Equal(ApplicationModules.Exceptional, Assert.Single(read.Checklist!).Module);
        Assert.Equal(store.Options.Serializer().ToJson(written), store.Options.Serializer().ToJson(read));
    }

    [Fact]
    public async Task A_submission_with_one_label_among_codes_reads_back_with_codes_only()
    {
        // One label is enough to need the rewrite: the check must look at every item, not stop at the first code.
        var id = Guid.NewGuid();
        await AppendAsOldVersionWroteIt(id, new ApplicationSubmitted(id, "张三", "单位", "工程", "软件", TitleLevel.Engineer,
            "xishan-2023", DateTimeOffset.UtcNow,
            Checklist:
            [
                new ChecklistItem("route", "三(一)", ApplicationModules.Basic, "核实申报途径", "—"),
                new ChecklistItem("exceptional", "二(八)", ApplicationModules.Exceptional, "核实", "—"),
            ]),
            keepCodes: [ApplicationModules.Basic]);

        var read = Assert.IsType<ApplicationSubmitted>(Assert.Single(await FetchAsync(id)));

        Assert.Equal([ApplicationModules.Basic, ApplicationModules.Exceptional], read.Checklist!.Select(item => item.Module));
    }

    /// <summary>
    /// Appends the event, then rewrites its stored JSON in place with every module code (but <paramref name="keepCodes"/>)
    /// replaced by its Chinese label: the row as the version before the codes wrote it.
    /// </summary>
    private async Task AppendAsOldVersionWroteIt(Guid id, object @event, IReadOnlyCollection<string>? keepCodes = null)
    {
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(id, @event);
            await session.SaveChangesAsync();
        }

        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        string json;
        await using (var select = new NpgsqlCommand(
            $"select data::text from {EventStoreRegistration.LedgerSchema}.mt_events where stream_id = @id", connection))
        {
            select.Parameters.AddWithValue("id", id);
            json = (string)(await select.ExecuteScalarAsync())!;
        }

        var old = ApplicationModules.Labels.Where(pair => keepCodes?.Contains(pair.Key) != true).Aggregate(json, (text, pair) =>
            text.Replace($"\"{pair.Key}\"", $"\"{pair.Value}\"", StringComparison.Ordinal));
        Assert.NotEqual(json, old);
        await using var update = new NpgsqlCommand(
            $"update {EventStoreRegistration.LedgerSchema}.mt_events set data = @data::jsonb where stream_id = @id",
            connection);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("data", old);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    private async Task<IReadOnlyList<object>> FetchAsync(Guid id)
    {
        await using var session = store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(id)).Select(e => e.Data)];
    }
}
