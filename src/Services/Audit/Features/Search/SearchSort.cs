using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Web.Http;

namespace TitleReview.Audit.Features.Search;

/// <summary>
/// The search page's order: by submission time (newest first unless asked) or by name. Both read an index of Audit's
/// fold (<see cref="SearchIndexes"/>): oldest first is the list's own index read backwards, the name has its own.
/// </summary>
public sealed record SearchSort(string Key, bool Descending)
{
    public const string Submitted = "submitted";
    public const string Name = "name";

    public static readonly SearchSort Default = new(Submitted, true);

    /// <summary>The <c>sort</c> and <c>dir</c> query values; anything else is a 400 in Chinese and English, like a bad page.</summary>
    public static (SearchSort Sort, IResult? Problem) Of(string? sort, string? dir)
    {
        var key = string.IsNullOrEmpty(sort) ? Submitted : sort.ToLowerInvariant();
        if (key is not (Submitted or Name))
        {
            return (Default, Problems.Validation(new Dictionary<string, Bilingual[]> { ["sort"] = [new("sort 取 submitted（提交时间）或 name（姓名）。", "sort is submitted or name.")] }));
        }

        return dir?.ToLowerInvariant() switch
        {
            null or "" => (new SearchSort(key, key == Submitted), null),
            "asc" => (new SearchSort(key, false), null),
            "desc" => (new SearchSort(key, true), null),
            _ => (Default, Problems.Validation(new Dictionary<string, Bilingual[]> { ["dir"] = [new("dir 取 asc（升序）或 desc（降序）。", "dir is asc or desc.")] })),
        };
    }

    /// <summary>The query string of this order, for links that keep it.</summary>
    public string Query => $"sort={Key}&dir={(Descending ? "desc" : "asc")}";

    /// <summary>The order a column's header links to: the other direction when the list is sorted by it, else its natural one.</summary>
    public SearchSort Toggle(string key) => key == Key ? this with { Descending = !Descending } : new SearchSort(key, key == Submitted);

    /// <summary>Ties broken by id, so a page boundary never shows one application twice or skips one.</summary>
    public IQueryable<ApplicationLifecycle> Apply(IQueryable<ApplicationLifecycle> found) => (Key, Descending) switch
    {
        (Name, false) => found.OrderBy(a => a.ApplicantName).ThenByDescending(a => a.SubmittedAt).ThenBy(a => a.Id),
        (Name, true) => found.OrderByDescending(a => a.ApplicantName).ThenByDescending(a => a.SubmittedAt).ThenBy(a => a.Id),
        (_, false) => found.OrderBy(a => a.SubmittedAt).ThenByDescending(a => a.Id),
        _ => found.OrderByDescending(a => a.SubmittedAt).ThenBy(a => a.Id),
    };
}
