namespace TitleReview.Intake.Features.Attachments;

/// <summary>Size limits per kind (评审填报须知 一2: 文件大小不超过系统要求), from configuration section Intake:Attachments.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Intake:Attachments";

    public long MaxJpegBytes { get; set; } = 2 * 1024 * 1024;

    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    public long MaxPdfBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>A DOCX larger than this once unpacked is refused as a probable zip bomb.</summary>
    public long MaxUnpackedDocxBytes { get; set; } = 50 * 1024 * 1024;

    public long MaxUploadBytes => Math.Max(MaxJpegBytes, Math.Max(MaxDocumentBytes, MaxPdfBytes));

    public long LimitFor(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Jpeg => MaxJpegBytes,
        AttachmentKind.Pdf => MaxPdfBytes,
        _ => MaxDocumentBytes,
    };
}
