using TitleReview.Domain.Lifecycle;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.ApplicationDossier;

/// <summary>GET /review/applications/{id}/attachments/{attachmentId}: a reviewer downloads a file the application names.</summary>
public static class AttachmentDownloadEndpoint
{
    public static RouteGroupBuilder MapAttachmentDownload(this RouteGroupBuilder pages)
    {
        pages.MapGet("/applications/{id:guid}/attachments/{attachmentId:guid}", DownloadAsync);
        return pages;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, Guid attachmentId, LedgerSessions sessions,
        IntakeAttachments intake, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var latest = LatestDossier.From((await query.Events.FetchStreamAsync(id, token: cancellationToken)).Select(e => e.Data));
        if (latest.Attachments.FirstOrDefault(a => a.Id == attachmentId) is not { } reference)
        {
            return Refusal.NotFound("attachment-not-found", new($"申报 {id} 没有附件 {attachmentId}。", $"Application {id} names no attachment {attachmentId}.")).ToProblem();
        }

        if (intake.ApiKey is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: new Bilingual("附件服务未配置", "Not configured").ToString(),
                detail: new Bilingual("未配置 Review:IntakeApiKey，无法从受理服务取回附件。", "Review:IntakeApiKey is not configured.").ToString());
        }

        using var response = await intake.GetAsync(attachmentId, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: new Bilingual("附件暂不可用", "Attachment unavailable").ToString(),
                detail: new Bilingual($"受理服务返回 {(int)response.StatusCode}。", $"Intake answered {(int)response.StatusCode}.").ToString());
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);

        // The bytes must be the ones the ledger recorded: a changed file is not served as if it were the original.
        if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)) != reference.Sha256)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: new Bilingual("附件校验失败", "Hash mismatch").ToString(),
                detail: new Bilingual("附件内容与账本记录的 SHA-256 不一致。", "The file does not match the SHA-256 the ledger recorded.").ToString());
        }

        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? $"{attachmentId}";
        return TypedResults.File(content, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", name);
    }
}
