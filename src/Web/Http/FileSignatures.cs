namespace TitleReview.Web.Http;

/// <summary>
/// What a file is by its first bytes, never its name or declared type: the one place the magic numbers are written,
/// for evidence uploads (revocations, refunds) and the portal's attachments alike.
/// </summary>
public static class FileSignatures
{
    public static bool IsPdf(ReadOnlySpan<byte> content) => content.StartsWith("%PDF-"u8);

    public static bool IsJpeg(ReadOnlySpan<byte> content) => content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    public static bool IsPng(ReadOnlySpan<byte> content) => content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
}
