using Microsoft.AspNetCore.Http;

namespace TitleReview.ServiceDefaults.Http;

/// <summary>A checked page request: every long list pages, and a bad page number is a 400, never a 500 or an empty guess.</summary>
public readonly record struct Paging(int Page, int Size, IResult? Problem)
{
    public static Paging Of(int? page, int? pageSize, int defaultSize, int maxSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? defaultSize;
        return number < 1 || size < 1 || size > maxSize
            ? new Paging(number, size, Problems.Validation(new Dictionary<string, string[]>
            {
                ["page"] = [$"page 从 1 开始，pageSize 取 1 到 {maxSize}。 / page starts at 1; pageSize is 1 to {maxSize}."],
            }))
            : new Paging(number, size, null);
    }
}
