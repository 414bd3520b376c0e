using PdfSharp.Fonts;

namespace TitleReview.Certificate.Features.Pdf;

public sealed class PdfOptions
{
    public const string Section = "Certificate:Pdf";

    /// <summary>
    /// A TrueType font with the CJK glyphs, embedded (subset) in every PDF: Debian's fonts-droid-fallback. PDFsharp
    /// needs TrueType outlines, so the CFF-based Noto CJK fonts will not do. It has no Latin letters or digits, hence
    /// <see cref="LatinFontPath"/>.
    /// </summary>
    public string FontPath { get; set; } = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

    /// <summary>Latin letters, digits and their punctuation (Debian's fonts-dejavu-core).</summary>
    public string LatinFontPath { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>Where the public verification page is reached from outside; the QR code leads there.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5105";
}

/// <summary>Two embedded fonts by family name: CJK text and Latin text, each file read once.</summary>
public sealed class CertificateFont : IFontResolver
{
    public const string Cjk = "TitleReviewCjk";
    public const string Latin = "TitleReviewLatin";

    private readonly Dictionary<string, Lazy<byte[]>> fonts;

    public CertificateFont(PdfOptions options) =>
        fonts = new Dictionary<string, Lazy<byte[]>>
        {
            [Cjk] = Load(options.FontPath),
            [Latin] = Load(options.LatinFontPath),
        };

    public bool Available => fonts.Values.All(Loads);

    public byte[] GetFont(string faceName) => fonts[faceName].Value;

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(familyName == Latin ? Latin : Cjk, mustSimulateBold: bold, mustSimulateItalic: italic);

    /// <summary>Installs the resolver once per process (PDFsharp keeps it globally).</summary>
    public static void Install(CertificateFont resolver)
    {
        lock (InstallLock)
        {
            GlobalFontSettings.FontResolver ??= resolver;
        }
    }

    private static readonly Lock InstallLock = new();

    private static Lazy<byte[]> Load(string path) =>
        new(() => File.Exists(path) ? File.ReadAllBytes(path) : throw new FontMissingException(path));

    private static bool Loads(Lazy<byte[]> font)
    {
        try
        {
            return font.Value.Length > 0;
        }
        catch (FontMissingException)
        {
            return false;
        }
    }
}

public sealed class FontMissingException(string path)
    : InvalidOperationException($"The font {path} is missing: apt-get install fonts-droid-fallback fonts-dejavu-core, or set {PdfOptions.Section}.");
