using TitleReview.Domain.Cycles;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.Reconciliation;

/// <summary>
/// Reads the platform's or bank's daily statement. Columns (Chinese or English header, any order):
/// 交易流水号|transaction_id, 缴款码|payment_reference, 金额|amount (CNY, at most two decimals),
/// 交易时间|paid_at (ISO 8601 or yyyy-MM-dd HH:mm:ss, Beijing time when no offset), 渠道|channel (optional).
/// UTF-8 with or without BOM, or GB18030. Any bad line refuses the whole statement: nothing is half-imported.
/// </summary>
public static class StatementParser
{
    private static readonly string[][] Columns =
    [
        ["交易流水号", "transaction_id"],
        ["缴款码", "payment_reference"],
        ["金额", "amount"],
        ["交易时间", "paid_at"],
    ];

    private static readonly string[] ChannelColumn = ["渠道", "channel"];

    public sealed record Parsed(IReadOnlyList<StatementLine> Lines, string Encoding);

    public sealed class StatementRejectedException(IReadOnlyList<Bilingual> problems) : Exception(string.Join("; ", problems))
    {
        public IReadOnlyList<Bilingual> Problems { get; } = problems;
    }

    public static Parsed Parse(byte[] content, ReviewCycleCatalogue cycles)
    {
        // No fee can be paid before the first cycle opened; 0001-01-01 or 9999-12-31 is a broken export, not a payment.
        // (Not "before now": a statement may be reconciled while a demo's business clock stands earlier.)
        var earliest = DateFilter.StartOf(cycles.All.Min(c => c.SubmissionOpens));
        var latest = DateFilter.EndOf(DateFilter.Latest);
        var (text, encoding) = Decode(content);
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectDelimiter = false });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new StatementRejectedException([new("对账单为空或缺少表头。", "The statement is empty or has no header row.")]);
        }

        var header = csv.HeaderRecord.Select(h => h.Trim()).ToArray();
        int IndexOf(string[] names) => Array.FindIndex(header, h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
        var indexes = Columns.Select(IndexOf).ToArray();
        var missing = Columns.Where((names, i) => indexes[i] < 0).Select(names => $"{names[0]}（{names[1]}）").ToList();
        if (missing.Count > 0)
        {
            throw new StatementRejectedException([new($"对账单缺少列：{string.Join("、", missing)}。", $"Missing columns: {string.Join(", ", missing)}.")]);
        }

        var channelIndex = IndexOf(ChannelColumn);
        var lines = new List<StatementLine>();
        var problems = new List<Bilingual>();
        while (csv.Read())
        {
            var number = csv.Parser.RawRow;
            string Field(int index) => index < csv.Parser.Count ? (csv.GetField(index) ?? "").Trim() : "";
            var transaction = Field(indexes[0]);
            var reference = Field(indexes[1]);
            var amountText = Field(indexes[2]);
            var paidAtText = Field(indexes[3]);
            if (transaction.Length is 0 or > 64 || reference.Length is 0 or > 40)
            {
                problems.Add(new($"第{number}行：交易流水号（至多64字符）和缴款码（至多40字符）必须填写。", $"Line {number}: transaction_id (at most 64 characters) and payment_reference (at most 40) are required."));
            }
            else if (!decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || decimal.Round(amount, 2) != amount)
            {
                problems.Add(new($"第{number}行：金额“{amountText}”无效。", $"Line {number}: amount '{amountText}' is not a positive sum with at most two decimals."));
            }
            else if (!TryParseTime(paidAtText, out var paidAt))
            {
                problems.Add(new($"第{number}行：交易时间“{paidAtText}”无效。", $"Line {number}: paid_at '{paidAtText}' is not a date and time."));
            }
            else if (paidAt < earliest || paidAt > latest)
            {
                problems.Add(new($"第{number}行：交易时间“{paidAtText}”不在 {earliest:yyyy-MM-dd} 至 {DateFilter.Latest:yyyy-MM-dd} 之间。", $"Line {number}: paid_at '{paidAtText}' is not between {earliest:yyyy-MM-dd} and {DateFilter.Latest:yyyy-MM-dd}."));
            }
            else
            {
                lines.Add(new StatementLine(number, transaction, reference, amount, paidAt, channelIndex >= 0 ? Field(channelIndex) : ""));
            }

            if (problems.Count >= 20)
            {
                problems.Add(new("错误过多，已停止检查。", "Too many errors; checking stopped."));
                break;
            }
        }

        if (problems.Count > 0)
        {
            throw new StatementRejectedException(problems);
        }

        return new Parsed(lines, encoding);
    }

    private static (string Text, string Encoding) Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Strict(new UTF8Encoding(false, true), content.AsSpan(3).ToArray(), "UTF-8"), "UTF-8 with BOM");
        }

        try
        {
            return (new UTF8Encoding(false, true).GetString(content), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            return (Strict(gb18030, content, "GB18030"), "GB18030");
        }
    }

    private static string Strict(Encoding encoding, byte[] content, string name)
    {
        try
        {
            return encoding.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new StatementRejectedException([new("对账单编码无法识别（应为 UTF-8 或 GB18030）。", $"The statement is not valid {name}, UTF-8 or GB18030.")]);
        }
    }

    private static bool TryParseTime(string text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        // Beijing wall time; its UTC instant must exist (0001-01-01 00:00 Beijing is before DateTimeOffset.MinValue).
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy/MM/dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local >= DateTime.MinValue + TitleReview.Domain.WorkingDays.ChinaTime.Offset)
        {
            value = new DateTimeOffset(local, TitleReview.Domain.WorkingDays.ChinaTime.Offset);
            return true;
        }

        return false;
    }
}
