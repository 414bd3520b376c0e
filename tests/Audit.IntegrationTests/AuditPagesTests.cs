using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Audit.Features.Verification;
using TitleReview.Contracts.Events;
using TitleReview.Testing;

namespace TitleReview.Audit.IntegrationTests;

/// <summary>The auditor's pages as served: the search's order and paging, a verification run's findings past the last page.</summary>
[Collection(SyntheticLedgerCollection.Name)]
public sealed class AuditPagesTests(SyntheticLedgerFixture ledger)
{
    [Fact]
    public async Task The_search_form_as_a_browser_sends_it_with_fields_left_at_all_is_answered_and_the_api_still_refuses_empty_values()
    {
        // The form sends every field; those left at 全部 come as empty values, which mean "no filter" on a page.
        using (var page = await ledger.AuditApi.GetAsync("/audit?name=&status=&from=&to=&sort=submitted&dir=desc"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("申报查询", await page.Content.ReadAsStringAsync());
        }

        using var api = await ledger.AuditApi.GetAsync("/api/audit/applications?status=");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, api.StatusCode);
    }

    [Fact]
    public async Task The_search_page_sorts_by_name_or_submission_both_ways_and_keeps_the_order_in_its_links()
    {
        var tag = $"序{Guid.NewGuid().ToString("N")[..6]}";
        // A first, then C an hour later, then B an hour after that.
        foreach (var (suffix, hours) in new[] { ("A", 0), ("B", 2), ("C", 1) })
        {
            await ledger.AppendAsync(id => [.. Histories.Clean(id, tag + suffix).Select((e, n) =>
                n == 0 && e.Event is ApplicationSubmitted submitted ? e with { Event = submitted with { SubmittedAt = submitted.SubmittedAt.AddHours(hours) } } : e)]);
        }

        await Eventually.ReturnsAsync<JsonElement?>(
            async () => await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications?name={Uri.EscapeDataString(tag)}"),
            page => page!.Value.GetProperty("total").GetInt64() == 3, TimeSpan.FromSeconds(60), "the audit fold to show the three applications");

        Assert.Equal("BCA", await OrderAsync(tag, ""));
        Assert.Equal("ACB", await OrderAsync(tag, "&sort=submitted&dir=asc"));
        Assert.Equal("ABC", await OrderAsync(tag, "&sort=name"));
        Assert.Equal("CBA", await OrderAsync(tag, "&sort=name&dir=desc"));

        var sorted = await ledger.AuditApi.GetStringAsync($"/audit?name={Uri.EscapeDataString(tag)}&sort=name&dir=asc");
        // The sorted column says so to a screen reader, and its header turns the order round.
        Assert.Contains("aria-sort=\"ascending\"", sorted);
        Assert.Contains("sort=name&amp;dir=desc", sorted);
        // A new query from the form keeps the order.
        Assert.Contains("name=\"sort\" value=\"name\"", sorted);

        var pastTheEnd = await ledger.AuditApi.GetStringAsync($"/audit?name={Uri.EscapeDataString(tag)}&sort=name&dir=asc&page=4");
        Assert.Contains("第 4 页没有记录：共 3 条，1 页。", pastTheEnd);
        Assert.Contains("sort=name&amp;dir=asc&amp;page=1", pastTheEnd);
        Assert.DoesNotContain("没有符合条件的申报", pastTheEnd);
    }

    [Theory]
    [InlineData("sort=status")]
    [InlineData("sort=name&dir=up")]
    [InlineData("sort=%3Cscript%3E")]
    public async Task An_order_the_page_does_not_know_is_a_bilingual_400(string query)
    {
        using var response = await ledger.AuditApi.GetAsync($"/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        // Both languages: 取 … in Chinese, "… is …" in English.
        Assert.Contains("取 ", body, StringComparison.Ordinal);
        Assert.Contains(" is ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runs_page_past_its_last_finding_does_not_claim_that_nothing_was_found()
    {
        var run = new VerificationRun
        {
            Id = Guid.NewGuid(), State = RunState.Completed, RequestedBy = "auditor-test", RequestedAt = DateTimeOffset.UtcNow,
            TotalApplications = 2, CheckedApplications = 2, CheckedEvents = 18, ApplicationsWithFindings = 1, FindingCount = 3,
            FindingsByRule = new() { ["<b>R1</b>"] = 2, ["R2"] = 1 },
        };
        var application = Guid.NewGuid();
        var store = ledger.Audit.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Store(run);
            session.Store(Enumerable.Range(0, 3).Select(i => new RunFinding
            {
                Id = Guid.NewGuid(), RunId = run.Id, Index = i, ApplicationId = application, Rule = i < 2 ? "<b>R1</b>" : "R2", Clause = "第一条", Chinese = "发现", English = "found", Sequences = [i + 1],
            }).ToArray());
            await session.SaveChangesAsync();
        }

        var first = await ledger.AuditApi.GetStringAsync($"/audit/verifications/{run.Id}");
        Assert.Contains("各规则发现的问题数", first);
        Assert.Contains("svg", first);
        Assert.DoesNotContain("<b>R1</b>", first);
        Assert.DoesNotContain("http-equiv=\"refresh\"", first);

        var past = await ledger.AuditApi.GetStringAsync($"/audit/verifications/{run.Id}?page=2");
        Assert.Contains("第 2 页没有记录：共 3 条，1 页。", past);
        Assert.Contains($"/audit/verifications/{run.Id}?page=1", past);
        Assert.DoesNotContain("未发现违反规则之处", past);
    }

    /// <summary>The suffixes of the tagged names in the order the page's result table lists them.</summary>
    private async Task<string> OrderAsync(string tag, string order)
    {
        var html = await ledger.AuditApi.GetStringAsync($"/audit?name={Uri.EscapeDataString(tag)}{order}");
        var table = html[html.IndexOf("id=\"search-results\"", StringComparison.Ordinal)..];
        return string.Concat(Regex.Matches(table, Regex.Escape(tag) + "([ABC])</a>").Select(m => m.Groups[1].Value));
    }
}
