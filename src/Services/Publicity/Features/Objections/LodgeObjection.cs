using System.Text.RegularExpressions;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Publicity.Features.Notices;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Publicity.Features.Objections;

/// <summary>
/// Who is objected to: <paramref name="NoticeId"/> and <paramref name="Row"/> as the public notice lists them (the
/// public sees no application ids), or <paramref name="ApplicationId"/> for a caller that already holds it.
/// </summary>
public sealed record LodgeObjectionRequest(Guid? ApplicationId, string? Summary, string? ContactName, string? Contact, Guid? NoticeId = null, int? Row = null);

/// <summary>
/// Anyone may object to an application while its publicity runs (to the end date, inclusive). The form is public,
/// so it is rate-limited and size-limited, and a contact is required so officers can follow up.
/// </summary>
public static partial class LodgeObjection
{
    public const string RateLimitPolicy = "objections";
    public const int MaxSummaryLength = 2000;
    public const long MaxBodyBytes = 16 * 1024;

    /// <summary>Either the objection's id, or why it was not taken (invalid fields, or outside the publicity).</summary>
    public sealed record Outcome(Guid ObjectionId, Dictionary<string, string[]>? Invalid = null, bool OutsidePublicity = false)
    {
        private const string OutsideChinese = "该申报不在公示期内，无法受理异议。";

        public IResult? ToProblem() =>
            Invalid is not null ? Problems.Validation(Invalid)
            : OutsidePublicity ? Problems.Unprocessable(OutsideChinese, "The application is not in publicity; no objection can be lodged.",
                new Dictionary<string, object?> { ["rule"] = "objection-window", ["clause"] = "四(一)" })
            : null;

        /// <summary>What the public form shows: the Chinese half of each message.</summary>
        public IEnumerable<string> ChineseMessages() =>
            (Invalid is null ? null : Problems.ChineseOf(Invalid)) ?? (OutsidePublicity ? [OutsideChinese] : []);
    }

    public static RouteGroupBuilder MapLodgeObjection(this RouteGroupBuilder group)
    {
        group.MapPost("/objections", async (LodgeObjectionRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var outcome = await LodgeAsync(request, http, sessions, clock, cancellationToken);
            return outcome.ToProblem() ?? Results.Created($"/api/publicity/objections/{outcome.ObjectionId}", new { id = outcome.ObjectionId, status = ObjectionStatus.Open.ToString() });
        })
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicy)
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
        return group;
    }

    public static async Task<Outcome> LodgeAsync(LodgeObjectionRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return new Outcome(Guid.Empty, Invalid: errors);
        }

        await using var session = sessions.OpenForRequest(http);
        if ((request!.ApplicationId ?? await OnNoticeAsync(session, request.NoticeId!.Value, request.Row!.Value, cancellationToken)) is not { } id)
        {
            return new Outcome(Guid.Empty, OutsidePublicity: true);
        }

        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
        var today = clock.Today();
        if (stream.Aggregate is not { PublicityNoticeId: { } noticeId, PublicityEnd: { } end, PublicityCompleted: false, IsTerminal: false } || today > end)
        {
            return new Outcome(Guid.Empty, OutsidePublicity: true);
        }

        var now = clock.GetUtcNow();
        var objection = new ObjectionRecord
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = id,
            NoticeId = noticeId,
            Summary = request.Summary!.Trim(),
            ContactName = request.ContactName!.Trim(),
            Contact = request.Contact!.Trim(),
            LodgedAt = now,
        };
        stream.AppendOne(new ObjectionLodged(id, objection.Id, objection.Summary, now));
        session.Store(objection);
        await session.SaveChangesAsync(cancellationToken);
        return new Outcome(objection.Id);
    }

    /// <summary>The application on line <paramref name="row"/> (from 1) of a published notice, or null when there is no such line.</summary>
    private static async Task<Guid?> OnNoticeAsync(IDocumentSession session, Guid noticeId, int row, CancellationToken cancellationToken) =>
        await session.LoadAsync<PublicityNotice>(noticeId, cancellationToken) is { } notice && row >= 1 && row <= notice.Entries.Count
            ? notice.Entries[row - 1].ApplicationId
            : null;

    private static Dictionary<string, string[]> Validate(LodgeObjectionRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        var byApplication = request?.ApplicationId is { } application && application != Guid.Empty;
        var byNotice = request is { NoticeId: { } notice, Row: >= 1 } && notice != Guid.Empty;
        if (byApplication == byNotice)
        {
            errors["noticeId"] = ["请选择被异议的申报人（公示编号 noticeId 与行号 row）。 / Name the person by noticeId and row as the notice lists them (or by applicationId), not both."];
        }

        if (request?.Summary?.Trim() is not { Length: >= 10 and <= MaxSummaryLength })
        {
            errors["summary"] = [$"异议内容须为 10 到 {MaxSummaryLength} 个字符。 / summary must be 10 to {MaxSummaryLength} characters."];
        }

        if (request?.ContactName?.Trim() is not { Length: >= 1 and <= 50 })
        {
            errors["contactName"] = ["必须填写联系人姓名（不超过50个字符）。 / contactName is required (at most 50 characters)."];
        }

        if (request?.Contact?.Trim() is not { Length: <= 100 } contact || !ContactPattern().IsMatch(contact))
        {
            errors["contact"] = ["必须填写有效的联系电话或电子邮箱。 / contact must be a phone number or an e-mail address."];
        }

        return errors;
    }

    [GeneratedRegex(@"^(\+?[\d\- ]{7,20}|[^@\s]+@[^@\s]+\.[^@\s]+)$")]
    private static partial Regex ContactPattern();
}
