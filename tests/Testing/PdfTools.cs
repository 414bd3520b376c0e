using System.Diagnostics;
using System.Text;
using ZXing;
using ZXing.Common;

namespace TitleReview.Testing;

/// <summary>Reads PDFs back the way a person's tools would: poppler's pdftotext, pdftoppm and pdfsig (apt-get install poppler-utils), and ZXing for the QR code.</summary>
public static class PdfTools
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        using var file = await TempPdf.SaveAsync(pdf);
        return await RunAsync("pdftotext", $"-layout \"{file.Path}\" -");
    }

    /// <summary>
    /// What poppler's pdfsig reports of the PDF's signatures, as an employer checking a certificate would see it. Its exit
    /// code is not asserted: pdfsig also exits non-zero for a PDF without signatures, and the report says why.
    /// </summary>
    public static async Task<string> SignaturesAsync(byte[] pdf)
    {
        using var file = await TempPdf.SaveAsync(pdf);
        using var process = Process.Start(new ProcessStartInfo("pdfsig", $"\"{file.Path}\"") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 })
            ?? throw new InvalidOperationException("pdfsig did not start: apt-get install poppler-utils.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await error;
    }

    /// <summary>The byte ranges a signature covers, as pdfsig lists them: "Signed Ranges: [0 - 559], [3423 - 5619]".</summary>
    public static IReadOnlyList<(long From, long To)> SignedRanges(string report) =>
        System.Text.RegularExpressions.Regex.Matches(report.Split('\n').Single(line => line.Contains("Signed Ranges:", StringComparison.Ordinal)), @"\[(\d+) - (\d+)\]")
            .Select(m => (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>
    /// Rasterises the first page to 8-bit grey (PGM) and decodes the QR code on it, as a phone would from a photo or
    /// a scan: at 200 dpi first, then at 300 and 400. The URL holds the test's random port, so the symbol differs
    /// every run, and ZXing missed one at 200 dpi that it reads at higher resolution (a CI run failed on it).
    /// </summary>
    public static async Task<string?> QrCodeAsync(byte[] pdf)
    {
        using var file = await TempPdf.SaveAsync(pdf);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        foreach (var dpi in new[] { 200, 300, 400 })
        {
            var prefix = Path.Combine(Path.GetTempPath(), $"page-{Guid.NewGuid():N}");
            await RunAsync("pdftoppm", $"-gray -r {dpi} -f 1 -l 1 -singlefile \"{file.Path}\" \"{prefix}\"");
            var (width, height, pixels) = ReadPgm(await File.ReadAllBytesAsync(prefix + ".pgm"));
            File.Delete(prefix + ".pgm");
            if (reader.Decode(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text is { } text)
            {
                return text;
            }
        }

        return null;
    }

    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] pgm)
    {
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(pgm, start, position - start);
        }

        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        position++;
        return (width, height, pgm.AsSpan(position, width * height).ToArray());
    }

    /// <summary>
    /// The PDF on disk for poppler's tools, deleted when the read is done: left behind, every CI run added a few hundred
    /// files to the temp folder, and a machine reused across runs fills up.
    /// </summary>
    private sealed class TempPdf : IDisposable
    {
        private TempPdf(string path) => Path = path;

        public string Path { get; }

        public static async Task<TempPdf> SaveAsync(byte[] pdf)
        {
            var file = new TempPdf(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{Guid.NewGuid():N}.pdf"));
            await File.WriteAllBytesAsync(file.Path, pdf);
            return file;
        }

        public void Dispose() => File.Delete(Path);
    }

    private static async Task<string> RunAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 })
            ?? throw new InvalidOperationException($"{tool} did not start: apt-get install poppler-utils.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {arguments} failed: {await error}");
        return await output;
    }
}
