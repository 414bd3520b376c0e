using TitleReview.Domain.Cycles;
using System.Globalization;
using Marten;
using TitleReview.Audit.Features.History;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Audit.Features.Verification;

public sealed record FindingsPage(IReadOnlyList<RunFinding> Items, int Page, int PageSize, long Total);

public static class VerificationEndpoints
{
    private static readonly string[] CsvHeader = ["序号", "申报编号", "规则", "条款", "说明", "Description", "相关事件全局序号"];

    /// <summary>GET /api/audit/applications/{id}/verification: one application's replay, answered at once.</summary>
    public static RouteGroupBuilder MapApplicationVerification(this RouteGroupBuilder applications)
    {
        applications.MapGet("/{id:guid}/verification", async (Guid id, LedgerReader ledger, WorkingDayCalendars calendars, ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
        {
            var history = await ledger.StreamAsync(id, cancellationToken);
            return history.Count == 0
                ? HistoryEndpoints.NoSuchApplication(id)
                : Results.Ok(new { applicationId = id, events = history.Count, findings = HistoryVerifier.Verify(history, await calendars.RefreshAsync(cancellationToken), cycles) });
        });
        return applications;
    }

    /// <summary>Runs over every stream: start one, follow its progress, page or export its findings.</summary>
    public static RouteGroupBuilder MapVerificationRuns(this RouteGroupBuilder runs)
    {
        runs.MapPost("/", async (HttpContext http, VerificationRunner runner, CancellationToken cancellationToken) =>
        {
            var run = await runner.StartAsync(LedgerSessions.ActingFor(http).UserId, cancellationToken);
            return Results.Accepted($"/api/audit/verifications/{run.Id}", run);
        });

        runs.MapGet("/", async (int? page, int? pageSize, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            var paging = Paging.Of(page, pageSize, 20, 100);
            if (paging.Problem is not null)
            {
                return paging.Problem;
            }

            await using var query = sessions.Query();
            var total = await query.Query<VerificationRun>().CountAsync(cancellationToken);
            var items = await query.Query<VerificationRun>().OrderByDescending(r => r.RequestedAt)
                .Skip((paging.Page - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
            return Results.Ok(new { items, page = paging.Page, pageSize = paging.Size, total });
        });

        runs.MapGet("/{runId:guid}", async (Guid runId, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            var run = await query.LoadAsync<VerificationRun>(runId, cancellationToken);
            return run is null ? NoSuchRun(runId) : Results.Ok(run);
        });

        runs.MapGet("/{runId:guid}/findings", ListFindings);

        runs.MapGet("/{runId:guid}/findings/export", ExportFindings);
        return runs;
    }

    private static async Task<IResult> ListFindings(Guid runId, string? rule, int? page, int? pageSize, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, pageSize, 50, 500);
        if (paging.Problem is not null)
        {
            return paging.Problem;
        }

        await using var query = sessions.Query();
        if (await query.LoadAsync<VerificationRun>(runId, cancellationToken) is null)
        {
            return NoSuchRun(runId);
        }

        var findings = Findings(query, runId, rule);
        var total = await findings.CountAsync(cancellationToken);
        var items = await findings.Skip((paging.Page - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
        return Results.Ok(new FindingsPage(items, paging.Page, paging.Size, total));
    }

    private static async Task<IResult> ExportFindings(Guid runId, string? format, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        if (Exports.Parse(format) is not { } chosen)
        {
            return Exports.Invalid();
        }

        await using var query = sessions.Query();
        var run = await query.LoadAsync<VerificationRun>(runId, cancellationToken);
        if (run is null)
        {
            return NoSuchRun(runId);
        }

        if (run.State != RunState.Completed)
        {
            return Problems.Conflict(new($"核验尚未完成（{run.StateChinese}，{run.Percent}%），完成后再导出。", $"The run is {run.State} ({run.Percent}%); export once it has completed."));
        }

        var findings = await Findings(query, runId, null).ToListAsync(cancellationToken);
        return chosen == ExportFormat.Csv
            ? Results.File(SafeCsv.Write(CsvHeader, findings.Select(Row)), "text/csv; charset=utf-8", $"findings-{runId}.csv")
            : Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { run, findings }, Exports.Json), "application/json", $"findings-{runId}.json");
    }

    private static IQueryable<RunFinding> Findings(IQuerySession query, Guid runId, string? rule)
    {
        var findings = query.Query<RunFinding>().Where(f => f.RunId == runId);
        if (!string.IsNullOrWhiteSpace(rule))
        {
            findings = findings.Where(f => f.Rule == rule);
        }

        return findings.OrderBy(f => f.Index);
    }

    private static IReadOnlyList<string> Row(RunFinding f) =>
    [
        (f.Index + 1).ToString(CultureInfo.InvariantCulture), f.ApplicationId.ToString(), f.Rule, f.Clause, f.Chinese, f.English,
        string.Join(' ', f.Sequences.Select(s => s.ToString(CultureInfo.InvariantCulture))),
    ];

    private static IResult NoSuchRun(Guid runId) => Problems.NotFound(new($"没有编号为 {runId} 的核验。", $"No verification run {runId}."));
}
