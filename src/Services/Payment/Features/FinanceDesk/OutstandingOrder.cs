using System.Diagnostics.CodeAnalysis;
using TitleReview.Payment.Features.AssessFee;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>The columns the outstanding fees sort by.</summary>
public enum OutstandingSort
{
    /// <summary>缴费截止: the default, soonest first, so what falls due next is on top.</summary>
    Due,

    /// <summary>应缴金额.</summary>
    Amount,
}

/// <summary>
/// How the outstanding fees are ordered, as the query writes it: <c>os=due</c>, <c>os=-amount</c> (a leading minus for
/// descending). Ties fall back to the fee's id, so a fee never shows on two pages or on none while paging.
/// </summary>
public sealed record OutstandingOrder(OutstandingSort Sort, bool Descending)
{
    public const string Parameter = "os";

    public static readonly OutstandingOrder Default = new(OutstandingSort.Due, false);

    /// <summary>The query's value, e.g. "-amount".</summary>
    public string Value => (Descending ? "-" : "") + Sort.ToString().ToLowerInvariant();

    /// <summary>The order a column header links to: this column ascending, or descending when it is already ascending.</summary>
    public OutstandingOrder Toggled(OutstandingSort column) => new(column, column == Sort && !Descending);

    public static bool TryParse(string? value, [NotNullWhen(true)] out OutstandingOrder? order)
    {
        order = null;
        if (string.IsNullOrEmpty(value))
        {
            order = Default;
            return true;
        }

        var descending = value[0] == '-';
        var name = descending ? value[1..] : value;
        // Names only: Enum.TryParse would also take "1" or "Due,Amount".
        if (!Enum.GetNames<OutstandingSort>().Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        order = new(Enum.Parse<OutstandingSort>(name, ignoreCase: true), descending);
        return true;
    }

    public IQueryable<FeeAccount> Apply(IQueryable<FeeAccount> accounts) => (Sort, Descending) switch
    {
        (OutstandingSort.Amount, false) => accounts.OrderBy(a => a.Amount).ThenBy(a => a.Id),
        (OutstandingSort.Amount, true) => accounts.OrderByDescending(a => a.Amount).ThenBy(a => a.Id),
        (_, true) => accounts.OrderByDescending(a => a.DueDate).ThenBy(a => a.Id),
        _ => accounts.OrderBy(a => a.DueDate).ThenBy(a => a.Id),
    };
}
