using Microsoft.Playwright;

namespace TitleReview.Testing;

/// <summary>
/// Paged lists (the public publicity list, the review queue) are shared by every test, so a test's applicant may sit
/// on any page: follow the pages as a reader would until the name shows in a table cell.
/// </summary>
public static class PagedLists
{
    public static async Task OpenPageShowingAsync(IPage page, Uri service, string pathAndQuery, string name)
    {
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var number = 1; ; number++)
        {
            await page.GotoAsync(new Uri(service, $"{pathAndQuery}{separator}page={number}").ToString());
            if (await page.Locator("td", new PageLocatorOptions { HasText = name }).CountAsync() > 0)
            {
                return;
            }

            var next = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "下一页" });
            Assert.True(await next.CountAsync() > 0, $"{name} is on no page of {pathAndQuery}.");
        }
    }
}
