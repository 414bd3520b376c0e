using Microsoft.Playwright;

namespace TitleReview.EndToEnd.Tests;

/// <summary>
/// The public publicity list is paged and every test publishes notices into the same ledger, so a test's applicant
/// may sit on any page: follow the pages as a reader would until the name shows.
/// </summary>
public static class PublicityPages
{
    public static async Task OpenPageShowingAsync(IPage page, Uri publicity, string name)
    {
        for (var number = 1; ; number++)
        {
            await page.GotoAsync(new Uri(publicity, $"/publicity?page={number}").ToString());
            if (await page.Locator("td", new PageLocatorOptions { HasText = name }).CountAsync() > 0)
            {
                return;
            }

            var next = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "下一页" });
            Assert.True(await next.CountAsync() > 0, $"{name} is on no page of the publicity list.");
        }
    }
}
