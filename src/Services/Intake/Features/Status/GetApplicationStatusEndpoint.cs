using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.Status;

public sealed record StatusText(string Zh, string En);

public sealed record FeeNotice(decimal Amount, string PaymentReference, DateOnly DueDate);

public sealed record PublicityDates(DateOnly Start, DateOnly End);

/// <summary>What the portal shows the applicant; never the 身份证 number it already has.</summary>
public sealed record ApplicationStatusResponse(
    Guid Id,
    string ApplicantName,
    string Specialty,
    TitleLevel Level,
    ApplicationStatus Status,
    StatusText StatusText,
    long Version,
    FeeNotice? Fee,
    PublicityDates? Publicity,
    string? CertificateNumber,
    IReadOnlyList<ModuleComment>? OpenRevision,
    IReadOnlyList<HistoryEntry> History,
    int SchemaVersion = 1,
    Dossier? Dossier = null,
    IReadOnlyList<AttachmentReference>? Attachments = null);

/// <summary>One step of the application's history as the applicant may see it: what happened and when, not who.</summary>
public sealed record HistoryEntry(string Event, string EventZh, DateTimeOffset At);

public static class GetApplicationStatusEndpoint
{
    /// <summary>
    /// Events on the application's stream that the applicant's history leaves out: the back office's internal working
    /// notes, which change nothing in the lifecycle. checklist_item_checked is the reviewer ticking off one material check
    /// (with who and a free-text note); the applicant sees the status changes, not the reviewer's steps towards them.
    /// </summary>
    private static readonly HashSet<string> BackOfficeOnlyEvents = [EventCatalog.For(typeof(ChecklistItemChecked)).StoredName];

    public static RouteGroupBuilder MapGetApplicationStatus(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetApplicationStatus");
        return group;
    }

    public static async Task<IResult> GetAsync(Guid id, HttpContext http, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var file = await query.LoadAsync<ApplicationFile>(id, cancellationToken);
        if (file is null || !PortalOwnership.MayAccess(http, file))
        {
            return Problems.NotFound(new($"没有编号为 {id} 的申报。", $"No application with id {id}."));
        }

        var stream = await query.Events.FetchStreamAsync(id, token: cancellationToken);
        var revision = stream.Select(e => e.Data).Aggregate((RevisionRequested?)null, (open, e) => e switch
        {
            RevisionRequested requested => requested,
            ApplicationResubmitted => null,
            _ => open,
        });
        var history = stream
            .Where(e => !BackOfficeOnlyEvents.Contains(e.EventTypeName))
            .Select(e => new HistoryEntry(e.EventTypeName, EventNames.Chinese(e.EventTypeName), e.Timestamp))
            .ToList();

        // The stream's version as an entity tag: PUT /api/applications/{id} takes it back in If-Match.
        http.Response.Headers.ETag = StreamVersionTag.Of(stream.Count == 0 ? 0 : stream[^1].Version);
        return Results.Ok(ToResponse(file, revision?.Comments, history));
    }

    public static ApplicationStatusResponse ToResponse(ApplicationFile file, IReadOnlyList<ModuleComment>? openRevision, IReadOnlyList<HistoryEntry> history) => new(
        file.Id,
        file.ApplicantName,
        file.Specialty,
        file.Level,
        file.Status,
        new StatusText(file.Status.Chinese(), file.Status.English()),
        file.LedgerVersion,
        file is { FeeAmount: { } amount, PaymentReference: { } reference, FeeDueDate: { } due } ? new FeeNotice(amount, reference, due) : null,
        file is { PublicityStart: { } start, PublicityEnd: { } end } ? new PublicityDates(start, end) : null,
        file.CertificateNumber,
        // The response names modules by their Chinese label, as it always has; the ledger stores the code.
        openRevision?.Select(c => c with { Module = ApplicationModules.Label(c.Module) }).ToList(),
        history,
        file.SchemaVersion,
        file.Dossier,
        [.. file.Attachments.Select(a => a with { Module = ApplicationModules.Label(a.Module) })]);
}
