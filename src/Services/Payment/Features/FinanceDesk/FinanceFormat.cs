using System.Globalization;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>Money and dates as the finance desk writes them everywhere: 1,234.00 (元), 2023-06-30.</summary>
public static class FinanceFormat
{
    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A page of one list of the overview (its page parameter), scrolled to that list (its heading's id).</summary>
    public static Func<int, string> Pages(string parameter, string anchor) => page => $"/finance?{parameter}={page}#{anchor}";
}
