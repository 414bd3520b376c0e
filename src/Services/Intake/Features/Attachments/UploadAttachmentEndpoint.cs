using Microsoft.Extensions.Options;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.Attachments;

public sealed record UploadedAttachment(Guid Id, string Kind, string Sha256, long Length, string FileName);

/// <summary>
/// POST /api/attachments (multipart, field "file"): the portal uploads each file first, then names its id in the
/// application. The kind is decided by content; a file over its kind's limit, empty, unrecognised or a zip bomb is
/// refused and nothing is stored.
/// </summary>
public static class UploadAttachmentEndpoint
{
    public static RouteGroupBuilder MapUploadAttachment(this RouteGroupBuilder group)
    {
        group.MapPost("", UploadAsync)
            // Portal clients post multipart with an API key and no browser session: there is no cookie to forge a request
            // with (Intake issues none), and the anti-forgery middleware would otherwise refuse every form upload.
            .DisableAntiforgery()
            .WithName("UploadAttachment");
        return group;
    }

    public static async Task<IResult> UploadAsync(HttpContext http, AttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (!http.Request.HasFormContentType)
        {
            return Problems.Validation(Error("请以 multipart/form-data 上传，文件字段名为 file。", "Upload as multipart/form-data with a field named file."));
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file)
        {
            return Problems.Validation(Error("缺少文件字段 file。", "The form has no field named file."));
        }

        if (file.Length == 0)
        {
            return Problems.Validation(Error("文件为空，请选择正确的文件。", "The file is empty."));
        }

        if (file.Length > limits.MaxUploadBytes)
        {
            return TooLarge(limits.MaxUploadBytes);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var (kind, reason) = AttachmentKinds.Sniff(content, limits.MaxUnpackedDocxBytes);
        if (kind is not { } known)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: new Bilingual("文件类型不受理", "Unsupported file").ToString(), detail: reason?.ToString());
        }

        if (content.LongLength > limits.LimitFor(known))
        {
            return TooLarge(limits.LimitFor(known));
        }

        var name = SafeFileName(file.FileName, known);
        var saved = await store.SaveAsync(LedgerSessions.ActingFor(http).UserId, known, name, content, clock.GetUtcNow(), cancellationToken);
        return Results.Created($"/api/attachments/{saved.Id}", new UploadedAttachment(saved.Id, saved.Kind.ToString(), saved.Sha256, saved.Length, saved.FileName));
    }

    private static Dictionary<string, Bilingual[]> Error(string zh, string en) => new() { ["file"] = [new(zh, en)] };

    private static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: new Bilingual("文件过大", "File too large").ToString(),
            detail: new Bilingual($"文件超过 {limit / 1024 / 1024} MB 的上限。", $"The file exceeds the {limit / 1024 / 1024} MB limit.").ToString());

    /// <summary>Keeps only the base name, without control or path characters, and the extension of what the file really is.</summary>
    private static string SafeFileName(string? uploaded, AttachmentKind kind)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(uploaded ?? ""));
        var cleaned = new string([.. stem.Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/' or ':' or '*' or '?' or '<' or '>' or '|'))]).Trim();
        return (cleaned.Length == 0 ? "attachment" : cleaned[..Math.Min(cleaned.Length, 100)]) + kind.Extension();
    }
}
