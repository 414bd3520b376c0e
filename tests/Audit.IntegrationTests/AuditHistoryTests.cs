using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Testing;

namespace TitleReview.Audit.IntegrationTests;

/// <summary>History, time travel, search and the Chinese pages, over forged histories on the synthetic ledger.</summary>
[Collection(SyntheticLedgerCollection.Name)]
public sealed class AuditHistoryTests(SyntheticLedgerFixture ledger)
{
    [Fact]
    public async Task The_state_at_a_version_or_a_moment_is_the_application_as_it_stood_then()
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id));
        var events = (await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/events")).EnumerateArray().ToList();

        Assert.Equal("Submitted", (await StateAsync($"{id}/state?version=1")).GetProperty("status").GetString());
        Assert.Equal("FinalApproved", (await StateAsync($"{id}/state?version=3")).GetProperty("status").GetString());
        Assert.Equal("CertificateIssued", (await StateAsync($"{id}/state")).GetProperty("status").GetString());

        var second = events[1].GetProperty("timestamp").GetDateTimeOffset();
        var atSecond = await StateAsync($"{id}/state?at={Uri.EscapeDataString(second.ToString("O"))}");
        Assert.Equal(2, atSecond.GetProperty("version").GetInt64());
        Assert.Equal("UnderReview", atSecond.GetProperty("status").GetString());
        Assert.Equal("审核中", atSecond.GetProperty("statusChinese").GetString());

        using var tooFar = await ledger.AuditApi.GetAsync($"/api/audit/applications/{id}/state?version=99");
        Assert.Equal(HttpStatusCode.NotFound, tooFar.StatusCode);
        using var before = await ledger.AuditApi.GetAsync($"/api/audit/applications/{id}/state?at=2000-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
    }

    [Fact]
    public async Task History_lists_every_event_with_who_when_and_why_and_exports_it()
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id));

        var events = (await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/events")).EnumerateArray().ToList();

        Assert.Equal(Enumerable.Range(1, 9).Select(v => (long)v), events.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal("application_submitted", events[0].GetProperty("type").GetString());
        Assert.All(events, e =>
        {
            Assert.Equal("test-forger", e.GetProperty("userId").GetString());
            Assert.Equal("test", e.GetProperty("role").GetString());
            Assert.Equal($"forged-{id:N}", e.GetProperty("correlationId").GetString());
            Assert.True(e.GetProperty("sequence").GetInt64() > 0);
        });
        Assert.Equal("Intake", events[0].GetProperty("service").GetString());
        Assert.Equal(300.00m, events[4].GetProperty("data").GetProperty("Amount").GetDecimal());

        var csv = await ledger.AuditApi.GetStringAsync($"/api/audit/applications/{id}/events/export?format=csv");
        Assert.Equal(10, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var json = JsonDocument.Parse(await ledger.AuditApi.GetStringAsync($"/api/audit/applications/{id}/events/export?format=json")).RootElement;
        Assert.Equal(9, json.GetArrayLength());
    }

    [Fact]
    public async Task Search_finds_applications_by_name_status_and_date()
    {
        var name = $"王{Guid.NewGuid().ToString("N")[..6]}";
        var issued = await ledger.AppendAsync(id => Histories.Clean(id, name));
        var lapsed = await ledger.AppendAsync(id => [.. Histories.Clean(id, name).Take(5), new(new TitleReview.Contracts.Events.ApplicationLapsed(id, "逾期未缴费", DateTimeOffset.UnixEpoch))]);

        // Audit's fold of the ledger is kept by its own daemon: it catches up within moments.
        var all = await Eventually.ReturnsAsync<JsonElement?>(
            async () => await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications?name={Uri.EscapeDataString(name)}"),
            page => page!.Value.GetProperty("total").GetInt64() == 2 && page.Value.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("status").GetString() == "Lapsed"),
            TimeSpan.FromSeconds(60), "the audit fold to show both applications");
        Assert.Equal(2, all!.Value.GetProperty("items").GetArrayLength());

        var onlyLapsed = await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications?name={Uri.EscapeDataString(name)}&status=Lapsed");
        Assert.Equal(lapsed, Assert.Single(onlyLapsed.GetProperty("items").EnumerateArray().ToList()).GetProperty("id").GetGuid());
        var inWindow = await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications?name={Uri.EscapeDataString(name)}&from=2023-06-01&to=2023-06-01");
        Assert.Equal(2, inWindow.GetProperty("total").GetInt64());
        var later = await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications?name={Uri.EscapeDataString(name)}&from=2023-06-02");
        Assert.Equal(0, later.GetProperty("total").GetInt64());
        Assert.NotEqual(issued, lapsed);
    }

    /// <summary>
    /// A page's ids come from the search-order index (SearchIndexes): one application to a page, they follow newest
    /// first and, submitted at the same moment, by id, with nothing skipped or repeated from one page to the next.
    /// </summary>
    [Fact]
    public async Task Search_pages_newest_first_then_by_id_one_application_to_a_page()
    {
        var name = $"页{Guid.NewGuid().ToString("N")[..6]}";
        var sameMoment = new List<Guid>();
        for (var n = 0; n < 3; n++)
        {
            sameMoment.Add(await ledger.AppendAsync(id => Histories.Clean(id, name)));
        }

        var later = await ledger.AppendAsync(id => [.. Histories.Clean(id, name).Select((e, n) =>
            n == 0 && e.Event is TitleReview.Contracts.Events.ApplicationSubmitted submitted ? e with { Event = submitted with { SubmittedAt = submitted.SubmittedAt.AddHours(1) } } : e)]);
        await Eventually.ReturnsAsync<JsonElement?>(
            async () => await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications?name={Uri.EscapeDataString(name)}"),
            page => page!.Value.GetProperty("total").GetInt64() == 4, TimeSpan.FromSeconds(60), "the audit fold to show all four applications");

        var pages = new List<Guid>();
        for (var page = 1; page <= 5; page++)
        {
            var found = await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications?name={Uri.EscapeDataString(name)}&pageSize=1&page={page}");
            Assert.Equal(4, found.GetProperty("total").GetInt64());
            pages.AddRange(found.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
        }

        Assert.Equal([later, .. sameMoment.Order()], pages);
    }

    [Fact]
    public async Task Searching_by_id_number_is_for_auditors_only()
    {
        using var admin = ledger.Audit.CreateClient().As(Roles.Admin);

        using var response = await admin.GetAsync("/api/audit/applications?idNumber=320200199001011235");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_timeline_page_is_Chinese_and_shows_a_hostile_name_as_text()
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id, "<script>alert(1)</script>"));

        var html = await ledger.AuditApi.GetStringAsync($"/audit/applications/{id}");

        Assert.Contains("时间线", html);
        Assert.Contains("终审通过", html);
        Assert.Contains("重放全部事件，未发现违反规则之处", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task The_verification_page_starts_a_run_from_its_form_and_refuses_a_forged_post()
    {
        using var browser = ledger.Audit.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(Roles.Auditor);
        var page = await browser.GetStringAsync("/audit/verifications");
        Assert.Contains("开始全量核验", page);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"([^\"]+)\" value=\"([^\"]+)\"");

        using var forged = await browser.PostAsync("/audit/verifications", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);

        using var started = await browser.PostAsync("/audit/verifications",
            new FormUrlEncodedContent([new(token.Groups[1].Value, System.Net.WebUtility.HtmlDecode(token.Groups[2].Value))]));
        // Redirects are followed by hand: HttpClient drops the Authorization header on a redirect, as it should.
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        Assert.Matches("^/audit/verifications/[0-9a-f-]{36}$", location);
        var progress = await browser.GetStringAsync(location);
        Assert.Contains("<progress", progress);
        Assert.Contains("份申报", progress);
    }

    private async Task<JsonElement> StateAsync(string path) =>
        await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{path}");
}
