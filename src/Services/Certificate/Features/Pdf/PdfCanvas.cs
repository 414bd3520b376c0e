using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace TitleReview.Certificate.Features.Pdf;

/// <summary>The few drawing steps both PDFs share: text in the embedded CJK font, boxes, and a QR code drawn as vectors.</summary>
public sealed class PdfCanvas(XGraphics graphics)
{
    public XGraphics Graphics => graphics;

    public static XFont Font(double size, bool bold = false, string family = CertificateFont.Cjk) =>
        new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>Draws text left to right in runs: Latin letters and digits in the Latin font, everything else in the CJK font.</summary>
    public void Text(string text, double size, double x, double y, bool bold = false, XBrush? brush = null)
    {
        foreach (var (run, family) in Runs(text))
        {
            var font = Font(size, bold, family);
            graphics.DrawString(run, font, brush ?? XBrushes.Black, new XPoint(x, y));
            x += graphics.MeasureString(run, font).Width;
        }
    }

    public double Width(string text, double size, bool bold = false) =>
        Runs(text).Sum(r => graphics.MeasureString(r.Text, Font(size, bold, r.Family)).Width);

    public void Centered(string text, double size, double y, double pageWidth, bool bold = false, XBrush? brush = null) =>
        Text(text, size, (pageWidth - Width(text, size, bold)) / 2, y, bold, brush);

    private static IEnumerable<(string Text, string Family)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || FamilyOf(text[i]) != FamilyOf(text[start]))
            {
                yield return (text[start..i], FamilyOf(text[start]));
                start = i;
            }
        }
    }

    // Below the CJK blocks (U+2E80) is Latin, Greek, general punctuation: the Latin font has them, the CJK font does not.
    private static string FamilyOf(char c) => c < '\u2E80' ? CertificateFont.Latin : CertificateFont.Cjk;

    /// <summary>Signed with the development certificate: says so in red at the top of the page, in both languages.</summary>
    public void DevelopmentNotice(CommitteeSignature signature, double y, double pageWidth)
    {
        if (signature.Development)
        {
            Centered(CommitteeSignature.DevelopmentNotice, 8, y, pageWidth, brush: XBrushes.Red);
        }
    }

    public void Box(double x, double y, double width, double height, double thickness = 0.8) =>
        graphics.DrawRectangle(new XPen(XColors.Black, thickness), x, y, width, height);

    /// <summary>The QR code as filled squares: sharp at any zoom, and readable again by a scanner from the rendered page.</summary>
    public void QrCode(string content, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.Q);
        var modules = data.ModuleMatrix;
        var cell = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Count; column++)
            {
                if (modules[row][column])
                {
                    // A hair of overlap so no white seams appear between neighbouring squares when rasterised.
                    graphics.DrawRectangle(XBrushes.Black, x + column * cell, y + row * cell, cell + 0.05, cell + 0.05);
                }
            }
        }
    }

    public static byte[] Save(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
