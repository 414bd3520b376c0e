using System.Globalization;
using MiniExcelLibs;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.Reconciliation;

/// <summary>
/// CSV and XLSX exports of a report; statement text is untrusted input, so both go through <see cref="SafeCsv"/>'s
/// neutralising of formula cells.
/// </summary>
public static class ReportExport
{
    private static readonly string[] Header = ["行号", "交易流水号", "缴款码", "金额", "交易时间", "渠道", "分类", "应缴金额", "申报编号"];

    public static byte[] Csv(ReconciliationReport report) => SafeCsv.Write(Header, Rows(report));

    public static byte[] Xlsx(ReconciliationReport report)
    {
        var rows = Rows(report).Select(row => Header.Zip(row, (name, cell) => (name, cell: (object)SafeCsv.Neutralise(cell))).ToDictionary(p => p.name, p => p.cell)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

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
}
