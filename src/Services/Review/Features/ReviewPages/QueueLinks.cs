using System.Globalization;
using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.Review.Features.ReviewPages;

/// <summary>Addresses of the queue keeping its filters: another page, another sort (back to page 1).</summary>
public static class QueueLinks
{
    public static string Of(QueueFilter filter, QueueSort? sort = null, int page = 1)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("status", filter.Status?.ToString());
        Add("level", filter.Level?.ToString());
        Add("specialty", filter.Specialty);
        Add("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("mine", filter.Mine ? "true" : null);
        Add("sort", (sort ?? filter.Sort).ToString());
        Add("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return "/review?" + string.Join("&", query);
    }

    /// <summary>Whole calendar days (自然日, Beijing dates) an item has waited since it reached the queue.</summary>
    public static int DaysWaiting(DateTimeOffset queuedAt, DateOnly today) =>
        Math.Max(0, today.DayNumber - TitleReview.Domain.WorkingDays.ChinaTime.DateOfInstant(queuedAt).DayNumber);
}
