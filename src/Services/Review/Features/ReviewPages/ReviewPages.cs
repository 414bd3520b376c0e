using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Mvc;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.WorkingDays;
using TitleReview.Review.Features.ApplicationDossier;
using TitleReview.Review.Features.ReviewActions;
using TitleReview.Review.Features.ReviewQueue;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using Microsoft.Extensions.Options;
using TitleReview.BackOffice;
using TitleReview.BackOffice.Components;
using TitleReview.BackOffice.Layout;
using TitleReview.Review.Features.ChecklistChecks;

namespace TitleReview.Review.Features.ReviewPages;

/// <summary>The fields of the action forms; a class with optional properties, because each form posts only some of them.</summary>
public sealed class ActionForm
{
    public long? ExpectedVersion { get; set; }
    public string? Reason { get; set; }
}

/// <summary>The checklist form's one field: the reviewer's note on the item (optional).</summary>
public sealed class CheckForm
{
    public string? Note { get; set; }
}

/// <summary>
/// The reviewers' pages (审核工作台): the queue with filters, counts and paging, and one application with its modules,
/// history and the actions. Every form carries an anti-forgery token and the stream version the page showed, so acting
/// on a page someone else has since changed gives a clear message and a fresh page, never a silent overwrite.
/// Works without JavaScript: final decisions ask once more with ConfirmAction. The pages are Razor components
/// (QueuePage, ApplicationPage); these handlers bind and check the request, read the ledger and pass what they read.
/// </summary>
public static class ReviewPages
{
    private const int PageSize = 20;

    public static RouteGroupBuilder MapReviewPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/", QueueAsync);

        pages.MapGet("/applications/{id:guid}", async (Guid id, string? notice, HttpContext http, LedgerSessions sessions, CancellationToken cancellationToken) =>
            await DetailAsync(id, http, sessions, Notice(notice), null, StatusCodes.Status200OK, cancellationToken));

        MapAction(pages, "claim", (_, _, reviewer) => new ReviewCommand.Claim(reviewer));
        MapAction(pages, "approval", (_, _, reviewer) => new ReviewCommand.Approve(reviewer));
        MapAction(pages, "rejection", (form, _, reviewer) =>
            ReviewDecider.CheckReason(form.Reason) is { } invalid ? invalid : new ReviewCommand.Reject(reviewer, form.Reason!.Trim()));
        MapAction(pages, "revision", (_, raw, reviewer) =>
        {
            List<ModuleComment> comments = [.. ApplicationModules.All.Select(module => (module, Comment: raw[CommentFields.Of(module)].ToString()))
                .Where(c => !string.IsNullOrWhiteSpace(c.Comment)).Select(c => new ModuleComment(c.module, c.Comment.Trim()))];
            return ReviewDecider.CheckComments(comments) is { } invalid ? invalid : new ReviewCommand.RequestRevision(reviewer, comments);
        });
        pages.MapPost("/applications/{id:guid}/checklist/{item}", CheckItemAsync);
        return pages;
    }

    private static async Task<IResult> QueueAsync(ApplicationStatus? status, TitleLevel? level, string? specialty, DateOnly? from, DateOnly? to, bool? mine,
        QueueSort? sort, int? page, HttpContext http, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, PageSize, PageSize, PageSize);
        if ((paging.Problem ?? QueueFilter.Invalid(from, to)) is { } problem)
        {
            return problem;
        }

        var filter = new QueueFilter(status, level, specialty, from, to, mine == true, sort ?? QueueSort.Oldest);
        await using var query = sessions.Query();
        var items = await filter.PageAsync(query, Me(http), paging, cancellationToken);
        var counts = await QueueFilter.CountsAsync(query, cancellationToken);
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var ages = await QueueAges.CountAsync(query, clock.GetUtcNow(), cancellationToken);
        return Pages.Render<QueuePage>(new
        {
            Filter = filter, Items = items, Counts = counts, Ages = ages, paging.Page, Size = PageSize,
            Today = ChinaTime.DateOfInstant(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()), Me = Me(http),
        });
    }

    /// <summary>
    /// The reviewer records one checklist item as checked (ChecklistItemChecked), then sees the page again at that item.
    /// A note too long or a file not theirs to check shows the page with the reason; an unknown item is a 404 problem.
    /// </summary>
    private static async Task<IResult> CheckItemAsync(Guid id, string item, [FromForm] CheckForm? form, HttpContext http, LedgerSessions sessions,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        Decision<ChecklistItemChecked> decision;
        await using (var session = sessions.OpenForRequest(http))
        {
            decision = await ChecklistCheckHandler.CheckAsync(session, id, new CheckItem(Me(http), item, form?.Note), clock.GetUtcNow(), cancellationToken);
        }

        return decision.Accepted(out _, out var refusal)
            ? Results.Redirect($"/review/applications/{id}?notice=checked#check-{Uri.EscapeDataString(item)}")
            : refusal switch
            {
                { Code: ReviewActionHandler.Stale } => Results.Redirect($"/review/applications/{id}?notice=stale"),
                { Kind: RefusalKind.NotFound } => refusal.ToProblem(),
                { Kind: RefusalKind.Invalid } => await DetailAsync(id, http, sessions, null, refusal.ChineseText(), StatusCodes.Status400BadRequest, cancellationToken),
                _ => await DetailAsync(id, http, sessions, null, refusal.ChineseText(), StatusCodes.Status409Conflict, cancellationToken),
            };
    }

    /// <summary>Reads one action form into the command the API would send; a refusal when the form cannot make one.</summary>
    private delegate Decision<ReviewCommand> PageCommand(ActionForm form, IFormCollection raw, string reviewer);

    private static void MapAction(RouteGroupBuilder pages, string action, PageCommand command) =>
        pages.MapPost($"/applications/{{id:guid}}/{action}", (Guid id, [FromForm] ActionForm? form, HttpContext http, LedgerSessions sessions,
                TimeProvider clock, CancellationToken cancellationToken) =>
            ActFromPageAsync(new PageRequest(id, form, http, sessions, clock), action, command, cancellationToken));

    /// <summary>What every action form's POST binds, passed on to the one handler behind all four actions.</summary>
    private sealed record PageRequest(Guid Id, ActionForm? Form, HttpContext Http, LedgerSessions Sessions, TimeProvider Clock);

    /// <summary>The pages decide through the same <see cref="ReviewDecider"/> as the API; only the answer is a page.</summary>
    private static async Task<IResult> ActFromPageAsync(PageRequest request, string action, PageCommand command, CancellationToken cancellationToken)
    {
        var (id, form, http, sessions, clock) = request;
        // Every action form carries the version its page showed (a form with none of its fields binds to null);
        // without it the action would act on whatever the file has become since, so it is refused, not guessed.
        if (form?.ExpectedVersion is not >= 0)
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>>
            {
                ["expectedVersion"] = [new("表单缺少页面显示的版本号（expectedVersion），请刷新页面后重试。",
                    "expectedVersion, the version the page showed, is required; reload the page and try again.")],
            }).ToProblem();
        }

        var decision = command(form, http.Request.Form, Me(http));
        if (decision.Accepted(out var reviewCommand, out var refusal))
        {
            await using var session = sessions.OpenForRequest(http);
            if ((await ReviewActionHandler.ActAsync(session, id, form.ExpectedVersion, reviewCommand, clock.GetUtcNow(), cancellationToken))
                .Accepted(out _, out refusal))
            {
                return Results.Redirect($"/review/applications/{id}?notice={action}");
            }
        }

        return refusal switch
        {
            // A stale page is reloaded with the message: the reviewer sees what changed before trying again.
            { Code: ReviewActionHandler.Stale } => Results.Redirect($"/review/applications/{id}?notice=stale"),
            { Kind: RefusalKind.NotFound } => refusal.ToProblem(),
            _ => await DetailAsync(id, http, sessions, null, refusal.ChineseText(), StatusCodes.Status409Conflict, cancellationToken),
        };
    }

    private static string? Notice(string? code) => code switch
    {
        "claim" => "已认领，请开始审核。",
        "approval" => "已终审通过。",
        "rejection" => "已作审核不通过处理。",
        "revision" => "已退回申报人修改。",
        "checked" => "已记录核对。",
        "stale" => ReviewActionHandler.StaleReason.Chinese + "页面已刷新为最新内容。",
        _ => null,
    };

    private static string Me(HttpContext http) => LedgerSessions.ActingFor(http).UserId;

    private static async Task<IResult> DetailAsync(Guid id, HttpContext http, LedgerSessions sessions, string? notice, string? error, int status,
        CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var item = await query.LoadAsync<ReviewQueueItem>(id, cancellationToken);
        var application = await query.Events.AggregateStreamAsync<ApplicationLifecycle>(id, token: cancellationToken);
        if (item is null || application is null)
        {
            return ReviewQueueEndpoints.NotInQueue(id).ToProblem();
        }

        var history = await query.Events.FetchStreamAsync(id, token: cancellationToken);
        var data = history.Select(e => e.Data).ToList();
        var latest = LatestDossier.From(data);
        var checklist = ChecklistKeys.Of(latest.Checklist);
        var nameOf = PeopleNames(http);
        var view = new ApplicationView(application, item, Me(http), DossierSections.Modules(id, application, item.Series, latest), latest.Dossier is null,
            checklist, ChecklistCheck.Latest(data, checklist), data.OfType<RevisionRequested>().LastOrDefault(),
            [.. history.Select(e => Entry(e, nameOf, checklist))], nameOf, ChinaTime.DateOfInstant(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
        return Pages.Render<ApplicationPage>(new { View = view, Success = notice, Error = error }, status);
    }

    /// <summary>A person's name as the pages show it: 王审核（reviewer-wang） for a configured user, else the user id.</summary>
    private static Func<string, string> PeopleNames(HttpContext http)
    {
        var names = http.RequestServices.GetRequiredService<IOptionsMonitor<BackOfficeUserOptions>>().CurrentValue.Users
            .GroupBy(u => u.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.OrdinalIgnoreCase);
        return id => names.TryGetValue(id, out var name) && name.Length > 0 ? $"{name}（{id}）" : id;
    }

    /// <summary>One event of the history as the timeline shows it: what, who in which role, the details a person reads, the raw record folded.</summary>
    private static TimelineEntry Entry(JasperFx.Events.IEvent e, Func<string, string> nameOf, IReadOnlyList<KeyedChecklistItem> checklist)
    {
        var who = e.Headers?.GetValueOrDefault(ActingContext.UserIdHeader)?.ToString() ?? e.UserName;
        var role = e.Headers?.GetValueOrDefault(ActingContext.RoleHeader)?.ToString() ?? "";
        var actor = who is null ? null : nameOf(who) + (role.Length > 0 ? $"（{Sections.RoleNames.GetValueOrDefault(role, role)}）" : "");
        IReadOnlyList<string>? details = e.Data switch
        {
            RevisionRequested revision => [.. revision.Comments.Select(c => $"{ApplicationModules.Label(c.Module)}：{c.Comment}")],
            ApplicationRejected rejected => [$"理由：{rejected.Reason}"],
            ApplicationResubmitted resubmitted when resubmitted.ChangedModules is { Count: > 0 } changed => [$"修改了：{string.Join("、", changed.Select(ApplicationModules.Label))}"],
            ChecklistItemChecked check => [$"核查事项：{checklist.FirstOrDefault(k => k.Key == check.ItemCode)?.Item.Zh ?? check.ItemCode}", .. check.Note.Length > 0 ? new[] { $"备注：{check.Note}" } : []],
            _ => null,
        };
        var tone = e.Data switch
        {
            ApplicationRejected or ApplicationWithdrawn => Tone.Danger,
            RevisionRequested => Tone.Warning,
            FinalApproved => Tone.Success,
            ChecklistItemChecked or ReviewStarted => Tone.Info,
            _ => Tone.Neutral,
        };
        var json = JsonSerializer.Serialize(e.Data, e.Data.GetType(), Pretty);
        return new TimelineEntry(e.Timestamp, EventNames.Chinese(e.EventTypeName), actor, details, tone, $"第 {e.Version} 版 · {e.EventTypeName}\n{json}");
    }

    private static readonly JsonSerializerOptions Pretty = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
