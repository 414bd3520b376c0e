using System.Net;
using System.Text.Json;

namespace TitleReview.Testing;

/// <summary>
/// A desk page that shows several lists pages each under its own parameter (pp, np, op …); a bad page number must be a
/// 400 problem+json that names that parameter alone, with the last page the list can show (Paging.Named).
/// </summary>
public static class PageNumberProblems
{
    public static async Task AssertNamesOnlyAsync(HttpResponseMessage refused, string parameter, string lastPage)
    {
        ArgumentNullException.ThrowIfNull(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(error => error.Name));
        Assert.Contains($"{parameter} 须为 1 到 {lastPage} 的页码", errors.GetProperty(parameter)[0].GetString(), StringComparison.Ordinal);
    }
}
