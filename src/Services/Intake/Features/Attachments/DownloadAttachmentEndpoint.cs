using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.Features.Attachments;

/// <summary>
/// GET /api/attachments/{id}: the portal client that uploaded it, and the back office (reviewers, auditors, admins).
/// Served as a download with the type its content has, so a browser never renders it inline as a page.
/// </summary>
public static class DownloadAttachmentEndpoint
{
    public static RouteGroupBuilder MapDownloadAttachment(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", DownloadAsync)
            .WithName("DownloadAttachment");
        return group;
    }

    public static async Task<IResult> DownloadAsync(Guid id, HttpContext http, AttachmentStore store, CancellationToken cancellationToken)
    {
        var found = await store.LoadAsync(id, cancellationToken);
        var mayRead = found is { } hit && (!http.User.IsInRole(Roles.Portal) || hit.Attachment.UploadedBy == LedgerSessions.ActingFor(http).UserId);
        if (found is not { } file || !mayRead)
        {
            return Problems.NotFound(new($"没有编号为 {id} 的附件。", $"No attachment with id {id}."));
        }

        http.Response.Headers["X-Attachment-Sha256"] = file.Attachment.Sha256;
        return Results.File(file.Content, file.Attachment.Kind.MediaType(), file.Attachment.FileName);
    }
}
