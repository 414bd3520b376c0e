using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace TitleReview.Payment.Features.Reconciliation;

/// <summary>
/// CSV (UTF-8 with BOM, so Excel opens Chinese correctly) and XLSX exports of a report. Any cell that a spreadsheet
/// would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe: statement text is untrusted input.
/// </summary>
public static class ReportExport
{
    private static readonly string[] Header = ["行号", "交易流水号", "缴款码", "金额", "交易时间", "渠道", "分类", "应缴金额", "申报编号"];

    public static byte[] Csv(ReconciliationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Header.Select(Quote)));
        foreach (var row in Rows(report))
        {
            text.AppendLine(string.Join(',', row.Select(cell => Quote(Neutralise(cell)))));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(ReconciliationReport report)
    {
        var rows = Rows(report).Select(row => Header.Zip(row, (name, cell) => (name, cell: (object)Neutralise(cell))).ToDictionary(p => p.name, p => p.cell)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static IEnumerable<string[]> Rows(ReconciliationReport report)
    {
        foreach (var classified in report.Lines)
        {
            var line = classified.Line;
            yield return
            [
                line.LineNumber.ToString(CultureInfo.InvariantCulture), line.TransactionId, line.PaymentReference,
                line.Amount.ToString("0.00", CultureInfo.InvariantCulture), line.PaidAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
                line.Channel, classified.Category.ToString(), classified.Assessed?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                classified.ApplicationId?.ToString() ?? "",
            ];
        }

        foreach (var outstanding in report.Outstanding)
        {
            yield return
            [
                "", "", outstanding.PaymentReference, "", "", "", outstanding.Category.ToString(),
                outstanding.Amount.ToString("0.00", CultureInfo.InvariantCulture), outstanding.ApplicationId.ToString(),
            ];
        }
    }

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
