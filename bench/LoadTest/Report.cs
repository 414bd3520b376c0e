using System.Globalization;
using System.Text;

namespace TitleReview.Bench.Load;

/// <summary>
/// Prints a run's results for a person, then the same as markdown for bench/README.md; the markdown is also appended
/// to .local/bench/results.md, so a series of runs can be pasted at once.
/// </summary>
public sealed class Report(string title)
{
    private readonly StringBuilder markdown = new();

    public static void Line(string text) => Console.WriteLine(text);

    public void Heading() => Line($"\n== {title} ==");

    public static void Answers(Recorder recorder)
    {
        Line("answers:");
        foreach (var (key, count, example) in recorder.Answers)
        {
            Line($"  {key}: {count:N0}{(example is null ? "" : $"   e.g. {example.ReplaceLineEndings(" ")}")}");
        }
    }

    /// <summary>A markdown table: header cells, then rows.</summary>
    public void Table(string[] header, IEnumerable<string[]> rows)
    {
        markdown.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", header)} |");
        markdown.AppendLine(CultureInfo.InvariantCulture, $"|{string.Concat(header.Select(_ => "---|"))}");
        foreach (var row in rows)
        {
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", row)} |");
        }

        markdown.AppendLine();
    }

    public async Task WriteMarkdownAsync()
    {
        Line("\nmarkdown for bench/README.md:\n");
        Console.Write(markdown);
        var file = Path.Combine(Repository.Root, ".local", "bench", "results.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.AppendAllTextAsync(file, $"<!-- {title}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->\n{markdown}");
        Line($"(appended to {file})");
    }

    /// <summary>"0", or each failing request and status with its count.</summary>
    public static string Errors(Recorder recorder) =>
        recorder.Failures.Any() ? string.Join(", ", recorder.Failures.Select(a => $"{a.Count} × {a.Key}")) : "0";
}
