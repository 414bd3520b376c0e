using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.Audit.Features.History;

/// <summary>The two export formats: JSON for machines and CSV for spreadsheets.</summary>
public enum ExportFormat
{
    Json,
    Csv,
}

public static class Exports
{
    /// <summary>Readable Chinese in the file (no \u escapes), HTML-sensitive characters still escaped.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static ExportFormat? Parse(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or "json" => ExportFormat.Json,
        "csv" => ExportFormat.Csv,
        _ => null,
    };

    public static IResult Invalid() => Problems.Validation(new Dictionary<string, Bilingual[]>
    {
        ["format"] = [new("导出格式只能是 json 或 csv。", "format is json or csv.")],
    });
}
