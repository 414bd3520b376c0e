using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Audit.Features.Search;

public sealed record ApplicationSummary(Guid Id, string ApplicantName, string Employer, string Specialty, string Level, DateTimeOffset SubmittedAt, ApplicationStatus Status, string StatusChinese, long Version);

public sealed record SearchPage(IReadOnlyList<ApplicationSummary> Items, int Page, int PageSize, long Total);

/// <summary>
/// Finds applications by name, 身份证 number, status and submission date. Name, status and dates come from Audit's own
/// fold of the ledger (<see cref="ApplicationLifecycle"/> snapshots kept by Audit's daemon); the 身份证 number never
/// enters the ledger, so Intake answers which applications carry it, and only to an auditor.
/// </summary>
public static class ApplicationSearchEndpoint
{
    public static RouteGroupBuilder MapApplicationSearch(this RouteGroupBuilder applications)
    {
        applications.MapGet("/", SearchApplications);
        return applications;
    }

    private static async Task<IResult> SearchApplications(string? name, string? idNumber, ApplicationStatus? status, DateOnly? from, DateOnly? to, int? page, int? pageSize,
            HttpContext http, LedgerSessions sessions, IntakeDirectory intake, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, pageSize, 20, 200);
        if (paging.Problem is not null)
        {
            return paging.Problem;
        }

        if (DateFilter.Invalid(from, to) is { } badDates)
        {
            return badDates;
        }

        IReadOnlyList<Guid>? ids = null;
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            if (!http.User.IsInRole(Roles.Auditor))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: Problems.TitleFor(StatusCodes.Status403Forbidden),
                    detail: new Bilingual("按身份证号查询仅限审计人员。", "Searching by 身份证 number is for auditors only.").ToString());
            }

            if (idNumber.Trim().Length != 18)
            {
                return Problems.Validation(new Dictionary<string, Bilingual[]> { ["idNumber"] = [new("请输入 18 位身份证号。", "idNumber is an 18-character 身份证 number.")] });
            }

            try
            {
                ids = await intake.ApplicationsOfAsync(idNumber.Trim(), http, cancellationToken);
            }
            catch (HttpRequestException)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: new Bilingual("申报受理服务暂不可用", "Intake is unavailable").ToString(),
                    detail: new Bilingual("按身份证号查询需要申报受理服务，请稍后重试。", "Searching by 身份证 number needs Intake; try again later.").ToString());
            }
        }

        return Results.Ok(await SearchAsync(sessions, new SearchCriteria(name, ids, status, from, to), paging, cancellationToken));
    }

    public sealed record SearchCriteria(string? Name, IReadOnlyList<Guid>? Ids, ApplicationStatus? Status, DateOnly? From, DateOnly? To, SearchSort? Sort = null);

    public static async Task<SearchPage> SearchAsync(LedgerSessions sessions, SearchCriteria criteria, Paging paging, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var found = await query.PageAsync<ApplicationLifecycle>(all => Matching(all, criteria),
            (criteria.Sort ?? SearchSort.Default).Apply, a => a.Id, paging, cancellationToken);
        return new SearchPage(
            found.Items.Select(a => new ApplicationSummary(a.Id, a.ApplicantName, a.Employer, a.Specialty, a.Level.Chinese(), a.SubmittedAt, a.Status, a.Status.Chinese(), a.Version)).ToList(),
            paging.Page, paging.Size, found.Total);
    }

    private static IQueryable<ApplicationLifecycle> Matching(IQueryable<ApplicationLifecycle> found, SearchCriteria criteria)
    {
        if (!string.IsNullOrWhiteSpace(criteria.Name))
        {
            var name = criteria.Name.Trim();
            found = found.Where(a => a.ApplicantName.Contains(name));
        }

        if (criteria.Ids is { } ids)
        {
            found = found.Where(a => ids.Contains(a.Id));
        }

        if (criteria.Status is { } status)
        {
            found = found.Where(a => a.Status == status);
        }

        if (criteria.From is { } from)
        {
            // In UTC: the column is timestamptz, which Npgsql takes only with an offset of zero (the same instant).
            var start = DateFilter.StartOf(from).ToUniversalTime();
            found = found.Where(a => a.SubmittedAt >= start);
        }

        if (criteria.To is { } to)
        {
            var end = DateFilter.EndOf(to).ToUniversalTime();
            found = found.Where(a => a.SubmittedAt < end);
        }

        return found;
    }
}
