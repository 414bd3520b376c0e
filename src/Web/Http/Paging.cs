using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using TitleReview.Domain;

namespace TitleReview.Web.Http;

/// <summary>A checked page request: every long list pages, and a bad page number is a 400, never a 500 or an empty guess.</summary>
public readonly record struct Paging(int Page, int Size, IResult? Problem)
{
    /// <summary>
    /// The furthest a list may page: no list here holds a million rows, and the offset (page − 1) × size must stay far
    /// inside an int for Marten's paging (page=2147483647 used to overflow it into a 500).
    /// </summary>
    public const long MaxOffset = 1_000_000;

    /// <summary>The last page a list of <paramref name="size"/> rows a page may be asked for: its offset stays within <see cref="MaxOffset"/>.</summary>
    public static long LastPage(int size) => MaxOffset / size + 1;

    /// <summary>The rows to skip, computed where it cannot overflow (the page is checked against <see cref="MaxOffset"/>).</summary>
    public int Skip => (int)((Page - 1L) * Size);

    /// <summary>
    /// A page of one of several lists on a desk page, each with its page number under a name of its own (pp, np, op …)
    /// and a fixed size: left out or empty, the first page; anything but a page the list can show, a 400 that names the
    /// parameter the person sent (<see cref="Of"/> would say "page", which such a page has not).
    /// </summary>
    public static Paging Named(string parameter, StringValues value, int size)
    {
        var text = value.ToString();
        var number = text.Length == 0 ? 1 : int.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var last = LastPage(size);
        return number < 1 || number > last
            ? new Paging(number, size, Problems.Validation(new Dictionary<string, Bilingual[]>
            {
                [parameter] = [new($"{parameter} 须为 1 到 {last:N0} 的页码。", $"{parameter} must be a page number from 1 to {last:N0}.")],
            }))
            : new Paging(number, size, null);
    }

    public static Paging Of(int? page, int? pageSize, int defaultSize, int maxSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? defaultSize;
        return number < 1 || size < 1 || size > maxSize || (number - 1L) * size > MaxOffset
            ? new Paging(number, size, Problems.Validation(new Dictionary<string, Bilingual[]>
            {
                ["page"] = [new($"page 从 1 开始，pageSize 取 1 到 {maxSize}，至多翻到第 {MaxOffset:N0} 条。", $"page starts at 1; pageSize is 1 to {maxSize}; a list pages up to row {MaxOffset:N0}.")],
            }))
            : new Paging(number, size, null);
    }
}
