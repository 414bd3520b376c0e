using System.Security.Cryptography;
using Marten;
using Marten.Pagination;
using TitleReview.Domain.Cycles;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.Reconciliation;

public sealed record ReportSummary(string Id, string FileName, string Encoding, DateTimeOffset UploadedAt, string UploadedBy, int LineCount, Dictionary<string, int> Counts);

/// <summary>Finance uploads the day's statement and gets every difference; reports are kept, listed and exported.</summary>
public static class ReconciliationEndpoints
{
    public const long MaxStatementBytes = 20 * 1024 * 1024;

    public static RouteGroupBuilder MapReconciliation(this RouteGroupBuilder group)
    {
        // API-key callers send no token; a caller with the finance cookie must (CookieAntiforgery checks it for every endpoint).
        group.MapPost("/statements", UploadAsync).DisableAntiforgery();
        group.MapGet("/statements", ListAsync);
        group.MapGet("/statements/{id}", GetAsync);
        return group;
    }

    public static async Task<IResult> UploadAsync(
        IFormFile? file, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxStatementBytes || file?.Length > MaxStatementBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Problems.TitleFor(StatusCodes.Status413PayloadTooLarge),
                detail: new Bilingual($"对账单不能超过 {MaxStatementBytes / 1024 / 1024} MB。", $"A statement is at most {MaxStatementBytes / 1024 / 1024} MB.").ToString());
        }

        if (file is null || file.Length == 0)
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]> { ["file"] = [new("请上传对账单 CSV 文件（表单字段 file）。", "Upload the statement CSV as form field 'file'.")] });
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var id = Convert.ToHexStringLower(SHA256.HashData(content));

        await using var session = sessions.OpenForRequest(http);
        if (await session.LoadAsync<ReconciliationReport>(id, cancellationToken) is { } existing)
        {
            return Results.Ok(new { duplicate = true, report = Summary(existing) });
        }

        StatementParser.Parsed parsed;
        try
        {
            parsed = StatementParser.Parse(content, cycles);
        }
        catch (StatementParser.StatementRejectedException rejected)
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]> { ["file"] = [.. rejected.Problems] });
        }

        var (lines, outstanding) = await StatementReconciler.ClassifyAsync(session, parsed.Lines, cancellationToken);
        var report = new ReconciliationReport
        {
            Id = id,
            FileName = Path.GetFileName(file.FileName) is { Length: > 0 and <= 200 } name ? name : "statement.csv",
            Encoding = parsed.Encoding,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = http.User.Identity?.Name ?? "",
            LineCount = lines.Count,
            Lines = lines,
            Outstanding = outstanding,
            Counts = lines.Select(l => l.Category.ToString()).Concat(outstanding.Select(o => o.Category.ToString()))
                .CountBy(category => category).ToDictionary(),
        };
        session.Insert(report);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/reconciliation/statements/{id}", new { duplicate = false, report = Summary(report) });
    }

    public static async Task<IResult> ListAsync(int? page, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, null, 20, 20);
        if (paging.Problem is { } problem)
        {
            return problem;
        }

        await using var query = sessions.Query();
        var reports = await query.Query<ReconciliationReport>().OrderByDescending(r => r.UploadedAt)
            .Select(r => new ReportSummary(r.Id, r.FileName, r.Encoding, r.UploadedAt, r.UploadedBy, r.LineCount, r.Counts))
            .ToPagedListAsync(paging.Page, paging.Size, cancellationToken);
        return Results.Ok(new { items = reports.ToList(), total = reports.TotalItemCount, page = paging.Page, pageSize = paging.Size });
    }

    public static async Task<IResult> GetAsync(string id, string? format, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var report = await query.LoadAsync<ReconciliationReport>(id, cancellationToken);
        if (report is null)
        {
            return Problems.NotFound(new($"没有编号为 {id} 的对账报告。", $"No reconciliation report {id}."));
        }

        return format switch
        {
            null or "json" => Results.Ok(report),
            "csv" => Results.File(ReportExport.Csv(report), "text/csv; charset=utf-8", $"reconciliation-{id[..12]}.csv"),
            "xlsx" => Results.File(ReportExport.Xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"reconciliation-{id[..12]}.xlsx"),
            _ => Problems.Validation(new Dictionary<string, Bilingual[]> { ["format"] = [new("format 取 json、csv 或 xlsx。", "format is json, csv or xlsx.")] }),
        };
    }

    private static ReportSummary Summary(ReconciliationReport report) =>
        new(report.Id, report.FileName, report.Encoding, report.UploadedAt, report.UploadedBy, report.LineCount, report.Counts);
}
