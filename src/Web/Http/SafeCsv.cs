using System.Text;

namespace TitleReview.Web.Http;

/// <summary>
/// CSV for people who open it in a spreadsheet: UTF-8 with BOM (so Excel shows Chinese), every cell quoted, and any
/// cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe, because the text
/// comes from outside (statements, applicants' names, objections).
/// </summary>
public static class SafeCsv
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', header.Select(Quote)));
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(',', row.Select(cell => Quote(Neutralise(cell)))));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
