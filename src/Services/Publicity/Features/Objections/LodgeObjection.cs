using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Web.Http;

namespace TitleReview.Publicity.Features.Objections;

/// <summary>
/// Who is objected to: <paramref name="NoticeId"/> and <paramref name="Row"/> as the public notice lists them (the
/// public sees no application ids), or <paramref name="ApplicationId"/> for a caller that already holds it.
/// </summary>
public sealed record LodgeObjectionRequest(
    Guid? ApplicationId, string? Summary, string? ContactName, string? Contact, Guid? NoticeId = null, int? Row = null);

/// <summary>A validated objection: trimmed text, and the application it concerns.</summary>
public sealed record LodgeObjectionCommand(Guid ObjectionId, Guid ApplicationId, string Summary, string ContactName, string Contact);

public sealed record LodgedObjection(Guid Id, string Status);

/// <summary>
/// Anyone may object to an application while its publicity runs (to the end date, inclusive). The form is public,
/// so it is rate-limited and size-limited, and a contact is required so officers can follow up.
/// </summary>
public static partial class LodgeObjection
{
    public const string RateLimitPolicy = "objections";
    public const int MaxSummaryLength = 2000;
    public const long MaxBodyBytes = 16 * 1024;

    public static readonly Refusal OutsidePublicity = Refusal.BreaksRule("objection-window", "四(一)",
        new Bilingual("该申报不在公示期内，无法受理异议。", "The application is not in publicity; no objection can be lodged."));

    public static RouteGroupBuilder MapLodgeObjection(this RouteGroupBuilder group)
    {
        group.MapPost("/objections", HandleAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
        return group;
    }

    public static async Task<Results<Created<LodgedObjection>, ProblemHttpResult>> HandleAsync(
        LodgeObjectionRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var outcome = await LodgeAsync(request, sessions.OpenForRequest(http), clock, cancellationToken);
        if (!outcome.Accepted(out var lodged, out var refusal))
        {
            return refusal.ToProblem();
        }

        return TypedResults.Created($"/api/publicity/objections/{lodged.ObjectionId}",
            new LodgedObjection(lodged.ObjectionId, nameof(ObjectionStatus.Open)));
    }

    /// <summary>Validates, loads the application the objection names, decides and appends (shared with the public page).</summary>
    public static async Task<Decision<ObjectionLodged>> LodgeAsync(
        LodgeObjectionRequest? request, IDocumentSession opened, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = opened;
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        if ((request!.ApplicationId ?? await OnNoticeAsync(session, request.NoticeId!.Value, request.Row!.Value, cancellationToken))
            is not { } id)
        {
            return OutsidePublicity;
        }

        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
        var now = clock.GetUtcNow();
        var command = new LodgeObjectionCommand(Guid.CreateVersion7(now), id, request.Summary!.Trim(),
            request.ContactName!.Trim(), request.Contact!.Trim());
        var decision = Decide(stream.Aggregate, command, clock.Today(), now);
        if (!decision.Accepted(out var lodged, out _))
        {
            return decision;
        }

        stream.AppendOne(lodged);
        session.Store(new ObjectionRecord
        {
            Id = lodged.ObjectionId,
            ApplicationId = id,
            NoticeId = stream.Aggregate!.PublicityNoticeId!.Value,
            Summary = command.Summary,
            ContactName = command.ContactName,
            Contact = command.Contact,
            LodgedAt = now,
        });
        await session.SaveChangesAsync(cancellationToken);
        return decision;
    }

    /// <summary>
    /// Clause 四(一): an objection is taken from the day the notice is published to its end date inclusive, and only
    /// for an application still in publicity (not completed, not terminated).
    /// </summary>
    public static Decision<ObjectionLodged> Decide(
        ApplicationLifecycle? application, LodgeObjectionCommand command, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (application is not { PublicityNoticeId: not null, PublicityEnd: { } end, PublicityCompleted: false, IsTerminal: false }
            || today > end)
        {
            return OutsidePublicity;
        }

        return new ObjectionLodged(command.ApplicationId, command.ObjectionId, command.Summary, now);
    }

    /// <summary>The application on line <paramref name="row"/> (from 1) of a published notice, or null when there is no such line.</summary>
    private static async Task<Guid?> OnNoticeAsync(IDocumentSession session, Guid noticeId, int row, CancellationToken cancellationToken) =>
        await session.LoadAsync<PublicityNotice>(noticeId, cancellationToken) is { } notice && row >= 1 && row <= notice.Entries.Count
            ? notice.Entries[row - 1].ApplicationId
            : null;

    /// <summary>The request's field errors as one refusal, or null when every field is acceptable.</summary>
    public static Refusal? Validate(LodgeObjectionRequest? request)
    {
        var errors = new Dictionary<string, IReadOnlyList<Bilingual>>();
        var byApplication = request?.ApplicationId is { } application && application != Guid.Empty;
        var byNotice = request is { NoticeId: { } notice, Row: >= 1 } && notice != Guid.Empty;
        if (byApplication == byNotice)
        {
            errors["noticeId"] = [new("请选择被异议的申报人（公示编号 noticeId 与行号 row）。",
                "Name the person by noticeId and row as the notice lists them (or by applicationId), not both.")];
        }

        if (request?.Summary?.Trim() is not { Length: >= 10 and <= MaxSummaryLength })
        {
            errors["summary"] = [new($"异议内容须为 10 到 {MaxSummaryLength} 个字符。",
                $"summary must be 10 to {MaxSummaryLength} characters.")];
        }

        if (request?.ContactName?.Trim() is not { Length: >= 1 and <= 50 })
        {
            errors["contactName"] = [new("必须填写联系人姓名（不超过50个字符）。", "contactName is required (at most 50 characters).")];
        }

        if (request?.Contact?.Trim() is not { Length: <= 100 } contact || !ContactPattern().IsMatch(contact))
        {
            errors["contact"] = [new("必须填写有效的联系电话或电子邮箱。", "contact must be a phone number or an e-mail address.")];
        }

        return errors.Count > 0 ? Refusal.InvalidFields(errors) : null;
    }

    /// <summary>What the public form shows: the Chinese of each message.</summary>
    public static IEnumerable<string> ChineseMessages(Refusal refusal) =>
        refusal.Fields is { Count: > 0 } fields ? fields.Values.SelectMany(m => m).Select(m => m.Chinese) : [refusal.Reason.Chinese];

    [GeneratedRegex(@"^(\+?[\d\- ]{7,20}|[^@\s]+@[^@\s]+\.[^@\s]+)$")]
    private static partial Regex ContactPattern();
}
