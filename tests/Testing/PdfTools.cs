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
        using var file = await TempFile.SaveAsync(pdf, ".pdf");
        return await RunAsync("pdftotext", $"-layout \"{file.Path}\" -");
    }

    /// <summary>
    /// What poppler's pdfsig reports of the PDF's signatures, as an employer checking a certificate would see it. Its exit
    /// code is not asserted: pdfsig also exits non-zero for a PDF without signatures, and the report says why.
    /// </summary>
    public static async Task<string> SignaturesAsync(byte[] pdf)
    {
        using var file = await TempFile.SaveAsync(pdf, ".pdf");
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
        using var file = await TempFile.SaveAsync(pdf, ".pdf");
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        foreach (var dpi in new[] { 200, 300, 400 })
        {
            // pdftoppm takes a name without the extension and adds ".pgm" itself.
            using var page = TempFile.Named(".pgm");
            await RunAsync("pdftoppm", $"-gray -r {dpi} -f 1 -l 1 -singlefile \"{file.Path}\" \"{Path.ChangeExtension(page.Path, null)}\"");
            var (width, height, pixels) = ReadPgm(await File.ReadAllBytesAsync(page.Path));
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
    /// A file in the temp folder for poppler's tools (the PDF they read, the page image they write), deleted when the
    /// read is done, whatever its outcome: left behind, every CI run added a few hundred files to the temp folder, and
    /// a machine reused across runs fills up.
    /// </summary>
    private sealed class TempFile : IDisposable
    {
        private TempFile(string path) => Path = path;

        public string Path { get; }

        public static TempFile Named(string extension) =>
            new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{Guid.NewGuid():N}{extension}"));

        public static async Task<TempFile> SaveAsync(byte[] content, string extension)
        {
            var file = Named(extension);
            await File.WriteAllBytesAsync(file.Path, content);
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
