using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>
/// The publicity officer's desk (/publicity-desk) through its pages as a person uses them: signed in on the service's
/// own sign-in page, forms posted with the page's anti-forgery token, answers read as HTML.
/// </summary>
[Collection(PublicityCollection.Name)]
public sealed partial class OfficerDeskTests(PublicityFixture publicity) : IAsyncLifetime
{
    private const string Hostile = "<script>alert('异议')</script>该申报人的业绩材料与实际情况不符。";

    public Task InitializeAsync()
    {
        publicity.SetBusinessTime(PublicityHistory.InsideWindow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        publicity.ResetBusinessTime();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/publicity-desk")]
    [InlineData("/publicity-desk/objections")]
    public async Task Anonymous_visitors_are_sent_to_sign_in_other_roles_are_refused_and_officers_and_admins_see_the_page(string page)
    {
        using (var anonymous = new Person(publicity.Address))
        using (var answer = await anonymous.Http.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.StartsWith("/account/login", answer.Headers.Location!.PathAndQuery(publicity.Address), StringComparison.Ordinal);
        }

        using (var reviewer = new Person(publicity.Address))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SignInAsync("reviewer-wang")).StatusCode);
            using var answer = await reviewer.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        using (var finance = publicity.Client(Roles.Finance))
        using (var answer = await finance.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        foreach (var (user, name) in new[] { ("officer-sun", "孙公示"), ("admin-wu", "吴管理员") })
        {
            using var person = new Person(publicity.Address);
            Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync(user)).StatusCode);
            using var answer = await person.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var html = await answer.Content.ReadAsStringAsync();
            Assert.Contains(name, html);
            Assert.Contains("aria-current=\"page\">公示管理</a>", html);
        }
    }

    [Fact]
    public async Task A_reviewer_cannot_publish_from_the_desk_even_with_a_token()
    {
        var id = await publicity.ApprovedAsync("公示审核员");
        using var reviewer = new Person(publicity.Address);
        (await reviewer.SignInAsync("reviewer-wang")).Dispose();
        var token = await reviewer.FormTokenAsync("/account/login");

        using var refused = await reviewer.Http.PostAsync("/publicity-desk/notices", new FormUrlEncodedContent([token]));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("published", await publicity.Infrastructure.EventTypesAsync(id));
        await PublishLeftoversAsync();
    }

    [Fact]
    public async Task The_officer_publishes_from_the_desk_and_the_banner_names_the_notice_and_its_working_day_end()
    {
        var id = await publicity.ApprovedAsync("公示页发布");
        using var officer = await SignedInOfficerAsync();
        var desk = await officer.Http.GetStringAsync("/publicity-desk");
        Assert.Contains("公示页发布", Section(desk, "id=\"pending\"", "id=\"calendar\""));
        Assert.Contains("立即发布公示", desk);
        Assert.Contains("工作日历已载入至", desk);

        var token = await officer.FormTokenAsync("/publicity-desk");
        using var published = await officer.Http.PostAsync("/publicity-desk/notices", new FormUrlEncodedContent([token]));

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("published", await publicity.Infrastructure.EventTypesAsync(id));
        // Published as the signed-in officer, not as the service.
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'published' and headers->>'user-id' = 'officer-sun'", ("id", id)));
        var after = await officer.Http.GetStringAsync(published.Headers.Location!.OriginalString);
        // Thursday 2023-06-01 + 5 working days (the Dragon Boat weekend is not in June 2023's first week) ends Wednesday 06-07.
        var banner = BannerText().Match(after);
        Assert.True(banner.Success, "no success banner after publishing");
        Assert.Matches(@"已发布公示：第2023-\d{3}号（\d+人），公示期 2023年6月1日 至 2023年6月7日（5个工作日）", banner.Groups[1].Value);
        Assert.DoesNotContain("公示页发布", Section(after, "id=\"pending\"", "id=\"calendar\""));
        Assert.Contains("公示中", Section(after, "id=\"notices\"", "</main>"));

        // Publishing again with nothing pending is refused on the page, in Chinese, and writes nothing.
        using var again = await officer.Http.PostAsync("/publicity-desk/notices", new FormUrlEncodedContent([token]));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("未发布公示：没有待公示的申报。", await again.Content.ReadAsStringAsync());
        Assert.Contains("暂无待公示的申报", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_the_years_calendar_the_desk_says_what_to_do_and_publishing_keeps_the_entries_pending()
    {
        // Three weeks before the shipped calendar runs out (2026-12-31): the desk warns while publishing still works.
        // (Each moment signs in afresh: the sign-in cookie expires by the same business clock.)
        publicity.SetBusinessTime(new DateTimeOffset(2026, 12, 10, 2, 0, 0, TimeSpan.Zero));
        using (var early = await SignedInOfficerAsync())
        {
            var warned = Section(await early.Http.GetStringAsync("/publicity-desk"), "id=\"calendar\"", "id=\"notices\"");
            Assert.Contains("需导入", warned);
            Assert.Contains("2027 年的安排", warned);
        }

        // In 2027 itself nothing can be counted: the officer is told why and what to do, and nothing is lost.
        publicity.SetBusinessTime(new DateTimeOffset(2027, 1, 4, 2, 0, 0, TimeSpan.Zero));
        var id = await publicity.ApprovedAsync("公示缺日历");
        using var officer = await SignedInOfficerAsync();
        var token = await officer.FormTokenAsync("/publicity-desk");
        using var refused = await officer.Http.PostAsync("/publicity-desk/notices", new FormUrlEncodedContent([token]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("2027年工作日安排尚未导入", page);
        Assert.Contains("请系统管理员导入2027年国务院节假日安排", page);
        Assert.Contains("公示缺日历", Section(page, "id=\"pending\"", "id=\"calendar\""));
        Assert.DoesNotContain("published", await publicity.Infrastructure.EventTypesAsync(id));

        publicity.SetBusinessTime(PublicityHistory.InsideWindow);
        await PublishLeftoversAsync();
    }

    [Fact]
    public async Task A_desk_form_without_the_anti_forgery_token_is_refused_and_publishes_nothing()
    {
        var id = await publicity.ApprovedAsync("公示无令牌");
        using var officer = await SignedInOfficerAsync();

        using var forged = await officer.Http.PostAsync("/publicity-desk/notices", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Contains("防伪令牌", await forged.Content.ReadAsStringAsync());
        Assert.DoesNotContain("published", await publicity.Infrastructure.EventTypesAsync(id));

        var objection = await LodgeAsync(await publicity.ApprovedAndPublishedAsync("异议无令牌"));
        using var resolve = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution",
            new FormUrlEncodedContent([new("upheld", "true"), new("reason", "业绩材料系伪造。")]));
        Assert.Equal(HttpStatusCode.BadRequest, resolve.StatusCode);
        Assert.Equal(0, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where type = 'objection_resolved' and data->>'ObjectionId' = @id", ("id", objection.ToString())));
    }

    [Fact]
    public async Task The_officer_reads_a_hostile_objection_as_text_and_upholds_it_from_the_desk()
    {
        var id = await publicity.ApprovedAndPublishedAsync("公示页异议");
        var objection = await LodgeAsync(id, Hostile);
        using var officer = await SignedInOfficerAsync();

        var page = await ObjectionPageAsync(officer, objection);
        var item = Section(page, $"id=\"objection-{objection:N}\"", "</section>");
        Assert.DoesNotContain("<script>", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(", item);
        Assert.Contains("公示页异议", item);
        Assert.Matches(@"第2023-\d{3}号公示第\d+行", item);
        Assert.Contains("待处理", item);
        Assert.Contains("确认认定异议成立", item);

        // A reason of one character is refused by the API's own validation, shown as a Chinese error banner.
        var token = await officer.FormTokenAsync("/publicity-desk/objections");
        using var tooShort = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution",
            new FormUrlEncodedContent([token, new("upheld", "true"), new("reason", "假")]));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("异议未处理：", await tooShort.Content.ReadAsStringAsync());
        Assert.Contains("须填写处理理由", await tooShort.Content.ReadAsStringAsync());
        using (var blank = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution",
            new FormUrlEncodedContent([token, new("upheld", "true"), new("reason", " ")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
            Assert.Contains("须填写处理理由", await blank.Content.ReadAsStringAsync());
        }

        Assert.DoesNotContain("objection_resolved", await publicity.Infrastructure.EventTypesAsync(id));

        using var upheld = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution",
            new FormUrlEncodedContent([token, new("upheld", "true"), new("reason", "业绩材料系伪造。")]));
        Assert.Equal(HttpStatusCode.Redirect, upheld.StatusCode);
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'objection_resolved' and data->>'Reason' = '业绩材料系伪造。' and (data->>'Upheld')::boolean", ("id", id)));
        var after = await officer.Http.GetStringAsync(upheld.Headers.Location!.OriginalString);
        Assert.Equal("已认定异议成立：该申报不予通过。", BannerText().Match(after).Groups[1].Value);
        var resolved = Section(await ObjectionPageAsync(officer, objection), $"id=\"objection-{objection:N}\"", "</section>");
        Assert.Contains("异议成立", resolved);
        Assert.Contains("officer-sun", resolved);
        Assert.DoesNotContain("确认认定异议成立", resolved);

        // Once resolved, it is not resolved again: the page says so and the ledger keeps one resolution.
        using var twice = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution",
            new FormUrlEncodedContent([token, new("upheld", "false"), new("reason", "再次处理。")]));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("该异议已处理。", await twice.Content.ReadAsStringAsync());
        Assert.Equal(1, (await publicity.Infrastructure.EventTypesAsync(id)).Count(t => t == "objection_resolved"));
    }

    [Fact]
    public async Task The_officer_dismisses_an_objection_from_the_desk_and_open_objections_come_first()
    {
        var id = await publicity.ApprovedAndPublishedAsync("公示页驳回");
        var objection = await LodgeAsync(id);
        using var officer = await SignedInOfficerAsync();
        var token = await officer.FormTokenAsync("/publicity-desk/objections");

        using var dismissed = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution",
            new FormUrlEncodedContent([token, new("upheld", "false"), new("reason", "经核实，异议不成立。")]));

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        var after = await officer.Http.GetStringAsync(dismissed.Headers.Location!.OriginalString);
        Assert.StartsWith("已驳回异议", BannerText().Match(after).Groups[1].Value, StringComparison.Ordinal);
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'objection_resolved' and not (data->>'Upheld')::boolean", ("id", id)));

        // A fresh open objection is listed before every resolved one.
        var open = await LodgeAsync(await publicity.ApprovedAndPublishedAsync("公示页待处理"));
        var first = await officer.Http.GetStringAsync("/publicity-desk/objections");
        var openAt = first.IndexOf($"id=\"objection-{open:N}\"", StringComparison.Ordinal);
        var dismissedAt = first.IndexOf($"id=\"objection-{objection:N}\"", StringComparison.Ordinal);
        Assert.True(openAt >= 0, "the open objection is not on the first page");
        Assert.True(dismissedAt < 0 || openAt < dismissedAt, "a resolved objection is listed before an open one");
    }

    [Theory]
    [InlineData("/publicity-desk?pp=0")]
    [InlineData("/publicity-desk?np=2147483647")]
    [InlineData("/publicity-desk?sort=Salary")]
    [InlineData("/publicity-desk?published=not-an-id")]
    [InlineData("/publicity-desk/objections?page=-1")]
    [InlineData("/publicity-desk/objections?resolved=1")]
    public async Task Bad_query_values_are_a_problem_not_a_page(string address)
    {
        using var officer = await SignedInOfficerAsync();
        using var answer = await officer.Http.GetAsync(address);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// The desk pages two lists, pending approvals under pp (20 a page) and notices under np (10 a page): a bad number
    /// names the parameter sent, with the last page that list can show, as the finance desk's do.
    /// </summary>
    [Theory]
    [InlineData("pp", "0", "50,001")]
    [InlineData("pp", "abc", "50,001")]
    [InlineData("pp", "50002", "50,001")]
    [InlineData("np", "-3", "100,001")]
    [InlineData("np", "2147483647", "100,001")]
    [InlineData("np", "1.5", "100,001")]
    public async Task A_desk_page_number_that_is_not_one_is_refused_naming_its_parameter(string parameter, string value, string last)
    {
        using var officer = await SignedInOfficerAsync();
        using var refused = await officer.Http.GetAsync($"/publicity-desk?{parameter}={value}");
        await PageNumberProblems.AssertNamesOnlyAsync(refused, parameter, last);
    }

    [Fact]
    public async Task The_last_desk_pages_and_an_empty_page_number_are_answered()
    {
        using var officer = await SignedInOfficerAsync();
        foreach (var address in new[] { "/publicity-desk?pp=50001", "/publicity-desk?np=100001", "/publicity-desk?pp=&np=" })
        {
            using var answer = await officer.Http.GetAsync(address);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{address}: {(int)answer.StatusCode}");
        }
    }

    private async Task<Person> SignedInOfficerAsync()
    {
        var officer = new Person(publicity.Address);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SignInAsync("officer-sun")).StatusCode);
        return officer;
    }

    /// <summary>The page of the desk's objections that lists <paramref name="objection"/>.</summary>
    private static async Task<string> ObjectionPageAsync(Person officer, Guid objection)
    {
        for (var page = 1; page <= 20; page++)
        {
            var html = await officer.Http.GetStringAsync($"/publicity-desk/objections?page={page}");
            if (html.Contains($"id=\"objection-{objection:N}\"", StringComparison.Ordinal))
            {
                return html;
            }
        }

        throw new Xunit.Sdk.XunitException($"objection {objection} is on no page of the desk");
    }

    private async Task<Guid> LodgeAsync(Guid id, string summary = "该申报人的业绩材料与实际情况不符。")
    {
        using var anonymous = publicity.Client();
        using var lodged = await anonymous.PostAsJsonAsync("/api/publicity/objections", new { applicationId = id, summary, contactName = "王先生", contact = "0510-88888888" });
        Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
        return (await lodged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Leaves nothing pending for the next test, as the officer's API would.</summary>
    private async Task PublishLeftoversAsync()
    {
        using var api = publicity.Client(Roles.PublicityOfficer);
        (await api.PostAsync("/api/publicity/notices", null)).Dispose();
    }

    private static string Section(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{from} is not on the page");
        var end = html.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    [GeneratedRegex("<p class=\"banner success\" role=\"status\">([^<]*)</p>")]
    private static partial Regex BannerText();
}

internal static class LocationExtensions
{
    /// <summary>A redirect's target as a path and query, whether the service wrote it absolute or relative.</summary>
    public static string PathAndQuery(this Uri location, Uri service) =>
        (location.IsAbsoluteUri ? location : new Uri(service, location)).PathAndQuery;
}
