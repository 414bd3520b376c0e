using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace TitleReview.BrowserTests;

/// <summary>
/// An applicant named &lt;script&gt;alert(1)&lt;/script&gt; taken all the way to a certificate, then looked at on every page
/// that shows a name: review queue and detail, the committee meeting, the public publicity page, certificate
/// verification and the audit timeline. The name must read as text everywhere and no script may run.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HostileNameBrowserTests(SystemFixture system)
{
    private const string Hostile = "<script>alert(1)</script>";
    private static readonly string[] Members = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊", "委员己", "委员庚", "委员辛", "委员壬"];

    [Fact]
    public async Task A_script_as_a_name_is_text_on_every_page_that_shows_it()
    {
        var journey = new Journey(system);
        var id = (await journey.AwaitingCommitteeAsync((Hostile, "320200198001010043")))[0];
        using var created = await system.CommitteeApi.PostAsJsonAsync("/api/committee/meetings", new { meetingDate = "2023-06-08", members = Members, present = Members.Take(7) });
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var vote = await system.CommitteeApi.PostAsJsonAsync($"/api/committee/meetings/{meetingId}/votes", new { applicationId = id, votesFor = 6, votesAgainst = 1, abstentions = 0 }))
        {
            Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        }

        var number = (await journey.StatusBecomesAsync(id, "CertificateIssued")).GetProperty("certificateNumber").GetString()!;

        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var alerts = 0;
            async Task<IPage> SignedInAsync(Uri service, string user)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
                var page = await context.NewPageAsync();
                page.Dialog += (_, dialog) =>
                {
                    alerts += dialog.Type == "alert" ? 1 : 0;
                    _ = dialog.DismissAsync();
                };
                if (user.Length > 0)
                {
                    await page.GotoAsync(new Uri(service, "/account/login").ToString());
                    await page.FillAsync("#userId", user);
                    await page.FillAsync("#password", "dev-password");
                    await page.ClickAsync("button[type=submit]");
                }

                return page;
            }

            async Task ShowsAsTextAsync(IPage page, Uri service, string path, string screenshot)
            {
                await page.GotoAsync(new Uri(service, path).ToString());
                await Assertions.Expect(page.GetByText(Hostile, new PageGetByTextOptions { Exact = false }).First).ToBeVisibleAsync();
                Assert.Equal(0, await page.Locator("script").CountAsync());
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(screenshot), FullPage = true });
            }

            var reviewer = await SignedInAsync(system.ReviewAddress, "reviewer-li");
            await PagedLists.OpenPageShowingAsync(reviewer, system.ReviewAddress, "/review?status=FinalApproved&sort=Newest", Hostile);
            await Assertions.Expect(reviewer.GetByText(Hostile).First).ToBeVisibleAsync();
            Assert.Equal(0, await reviewer.Locator("script").CountAsync());
            await reviewer.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("hostile-review-queue.png"), FullPage = true });
            await ShowsAsTextAsync(reviewer, system.ReviewAddress, $"/review/applications/{id}", "hostile-review-detail.png");
            var secretary = await SignedInAsync(system.ReviewAddress, "secretary-zhao");
            await ShowsAsTextAsync(secretary, system.ReviewAddress, $"/committee/meetings/{meetingId}", "hostile-committee-meeting.png");
            var publicPage = await SignedInAsync(system.PublicityAddress, "");
            await PagedLists.OpenPageShowingAsync(publicPage, system.PublicityAddress, "/publicity", Hostile);
            await Assertions.Expect(publicPage.GetByText(Hostile).First).ToBeVisibleAsync();
            Assert.Equal(0, await publicPage.Locator("script").CountAsync());
            await publicPage.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("hostile-publicity.png"), FullPage = true });
            await ShowsAsTextAsync(publicPage, system.CertificateAddress, $"/certificates/verify?number={number}&name={Uri.EscapeDataString(Hostile)}", "hostile-verification.png");
            var auditor = await SignedInAsync(system.AuditAddress, "auditor-zhou");
            await ShowsAsTextAsync(auditor, system.AuditAddress, $"/audit/applications/{id}", "hostile-audit-timeline.png");
            await ShowsAsTextAsync(auditor, system.AuditAddress, $"/audit?name={Uri.EscapeDataString("script")}", "hostile-audit-search.png");
            Assert.Equal(0, alerts);
        }
    }
}
