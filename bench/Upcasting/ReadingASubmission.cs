using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.Bench.Upcasting;

/// <summary>
/// One stored <c>application_submitted</c> with the example dossier, a checklist and five attachment references, read
/// back as every service's relay and projections read it. The floor is Marten's plain deserialization of the same
/// bytes (what an event without an upcaster costs); the upcaster's row with codes and its row with old labels (which
/// takes the rewrite, as every row did before) each include the JsonDocument Marten parses for an upcaster.
/// </summary>
[MemoryDiagnoser]
// In process: the project is named for its folder, not its assembly, and a generated project would rebuild Intake.
[InProcess]
public class ReadingASubmission
{
    private ISerializer serializer = null!;
    private byte[] withCodes = [];
    private byte[] withLabels = [];

    [GlobalSetup]
    public void Setup()
    {
        var options = new StoreOptions();
        EventStoreRegistration.ConfigureLedger(options);
        serializer = options.Serializer();
        var files = ExampleAttachments.Placeholders;
        var request = ExampleApplication.Create(new DateOnly(2023, 5, 30), files);
        Guid[] attachments = [files.Photo, files.Evidence, files.WorkSummary, files.Report, files.Paper];
        var submitted = new ApplicationSubmitted(Guid.CreateVersion7(), request.ApplicantName!, request.Employer!, request.Series!,
            request.Specialty!, TitleLevel.Engineer, request.CycleId!, DateTimeOffset.UtcNow, request.SchemaVersion!.Value, request.Dossier,
            Checklist: [.. ApplicationModules.Labels.Keys.Select(module => new ChecklistItem($"check-{module}", "三(一)", module, "核实", "—"))],
            Attachments: [.. attachments.Select(id => new AttachmentReference(id, "Pdf", new string('a', 64), 120_000, ApplicationModules.Awards, "dossier.awards[0].evidenceId"))]);
        var json = serializer.ToJson(submitted);
        withCodes = Encoding.UTF8.GetBytes(json);
        // As the version before the codes wrote it: every module a Chinese label.
        withLabels = Encoding.UTF8.GetBytes(ApplicationModules.Labels.Aggregate(json,
            (text, pair) => text.Replace($"\"{pair.Key}\"", $"\"{pair.Value}\"", StringComparison.Ordinal)));
        if (Read(withLabels).Checklist!.Any(item => item.Module != ApplicationModules.CodeOf(item.Module))
            || serializer.ToJson(Read(withCodes)) != json)
        {
            throw new InvalidOperationException("the upcaster did not give back the event as written");
        }
    }

    [Benchmark(Baseline = true, Description = "plain deserialization (no upcaster)")]
    public ApplicationSubmitted Plain()
    {
        using var stream = new MemoryStream(withCodes, writable: false);
        return serializer.FromJson<ApplicationSubmitted>(stream);
    }

    [Benchmark(Description = "upcaster, row with codes (every row since the codes)")]
    public ApplicationSubmitted Codes() => Read(withCodes);

    [Benchmark(Description = "upcaster, row with labels (the rewrite; every row before this change)")]
    public ApplicationSubmitted Labels() => Read(withLabels);

    private ApplicationSubmitted Read(byte[] stored)
    {
        using var document = JsonDocument.Parse(stored);
        return StoredCodeUpcasters.Read<ApplicationSubmitted>(document, serializer);
    }
}
