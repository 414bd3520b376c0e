using System.Globalization;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>Money and dates as the finance desk writes them everywhere: ¥1,234.00, 2023-06-30.</summary>
public static class FinanceFormat
{
    /// <summary>Yuan with the sign and two decimals (a negative amount as -¥5.00), so a column reads the same in every list.</summary>
    public static string Money(decimal amount) =>
        (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A page of one list of the overview (its page parameter), scrolled to that list (its heading's id).</summary>
    public static Func<int, string> Pages(string parameter, string anchor) => page => $"/finance?{parameter}={page}#{anchor}";
}
