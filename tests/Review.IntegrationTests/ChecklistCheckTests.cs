using System.Net;
using System.Text.RegularExpressions;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Contracts.Events;
using TitleReview.Testing;

namespace TitleReview.Review.IntegrationTests;

/// <summary>
/// The reviewer holding the claim records a checklist item as checked, with a note, from the application page:
/// a ChecklistItemChecked on the application's stream, appended by Review as the signed-in reviewer, shown beside
/// its module. Bad input writes nothing.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed partial class ChecklistCheckTests(ReviewFixture review) : ReviewTest(review)
{
    private static readonly ChecklistItem[] Checklist =
    [
        new("education-verification", "四(二)", ApplicationModules.Education, "核验学历（学位）：江南大学 机械工程", "按本科计"),
        new("academic-misconduct", "四(三)3", ApplicationModules.AcademicOutputs, "《主轴箱改进》：中国知网学术文献检测", "已发表"),
        new("academic-misconduct", "四(三)3", ApplicationModules.AcademicOutputs, "《夹具设计》：中国知网学术文献检测", "未发表"),
    ];

    [Fact]
    public async Task The_claimant_checks_an_item_with_a_note_and_the_page_shows_it_beside_its_module()
    {
        var (id, wang) = await ClaimedByWangAsync("清单核对");
        var token = await wang.FormTokenAsync($"/review/applications/{id}");

        using var checkedItem = await wang.Http.PostAsync($"/review/applications/{id}/checklist/academic-misconduct.2",
            new FormUrlEncodedContent([token, new("note", "  知网检测重复率 3%，本人第一作者。  ")]));

        Assert.Equal(HttpStatusCode.Redirect, checkedItem.StatusCode);
        Assert.StartsWith($"/review/applications/{id}?notice=checked", checkedItem.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await Review.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'checklist_item_checked' and data->>'ItemCode' = 'academic-misconduct.2' "
            + "and data->>'Note' = '知网检测重复率 3%，本人第一作者。' and data->>'CheckedBy' = 'reviewer-wang' and headers->>'user-id' = 'reviewer-wang' and headers->>'service' = 'Review'",
            ("id", id)));

        var page = await wang.Http.GetStringAsync(checkedItem.Headers.Location!.OriginalString);
        Assert.Contains("已记录核对。", page, StringComparison.Ordinal);
        var module = ModuleSection(page, ApplicationModules.AcademicOutputs);
        Assert.Matches("已核对 · 王审核（reviewer-wang） · <time[^>]*>[^<]+</time>\\s*<span> · 知网检测重复率 3%，本人第一作者。</span>", module);
        Assert.Contains("已核对 1 / 3 项", page, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, HttpStatusCode> BadChecks() => new()
    {
        { "no-such-item", "", HttpStatusCode.NotFound },
        { "education-verification", new string('注', 501), HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadChecks))]
    public async Task An_unknown_item_or_a_note_too_long_writes_nothing(string item, string note, HttpStatusCode status)
    {
        var (id, wang) = await ClaimedByWangAsync("清单错项");
        var token = await wang.FormTokenAsync($"/review/applications/{id}");

        using var posted = await wang.Http.PostAsync($"/review/applications/{id}/checklist/{item}", new FormUrlEncodedContent([token, new("note", note)]));

        Assert.Equal(status, posted.StatusCode);
        if (status == HttpStatusCode.NotFound)
        {
            Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
        }
        else
        {
            Assert.Contains("核对备注不能超过 500 字", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await Review.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'checklist_item_checked'", ("id", id)));
    }

    [Fact]
    public async Task Another_reviewer_cannot_check_and_without_the_anti_forgery_token_nothing_is_written()
    {
        var (id, wang) = await ClaimedByWangAsync("清单他人");
        using var li = new Person(Review.Address);
        (await li.SignInAsync("reviewer-li")).Dispose();
        var liToken = await li.FormTokenAsync($"/review/applications/{id}");

        using (var byLi = await li.Http.PostAsync($"/review/applications/{id}/checklist/education-verification", new FormUrlEncodedContent([liToken, new("note", "")])))
        {
            Assert.Equal(HttpStatusCode.Conflict, byLi.StatusCode);
            Assert.Contains("只有认领人可以核对清单", await byLi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var forged = await wang.Http.PostAsync($"/review/applications/{id}/checklist/education-verification", new FormUrlEncodedContent([new("note", "无令牌")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(0, await Review.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'checklist_item_checked'", ("id", id)));
    }

    /// <summary>A v2-like submission with a checklist (forged as Intake appends it, queued as its relay would), claimed by reviewer-wang on the page.</summary>
    [Fact]
    public async Task The_queue_chart_counts_open_files_by_status_and_how_long_they_have_waited()
    {
        var (_, wang) = await ClaimedByWangAsync("队列图表");
        var today = await wang.Http.GetStringAsync("/review");
        Assert.Contains("aria-label=\"待处理申报数（按状态与进入队列后的天数）\"", today);
        Assert.True(Bar(today, "3 天内", "审核中") >= 1, "a file claimed today waits in the youngest band");

        // Ten days on, the same files have moved to the 8–14 day band; nothing is counted twice.
        Review.SetBusinessTime(ReviewSteps.InsideWindow.AddDays(10));
        try
        {
            // The sign-in cookie lives on the business clock too: ten days on, sign in again.
            using var tenDaysOn = new Person(Review.Address);
            (await tenDaysOn.SignInAsync("reviewer-wang")).Dispose();
            var later = await tenDaysOn.Http.GetStringAsync("/review");
            Assert.True(Bar(later, "8–14 天", "审核中") >= Bar(today, "3 天内", "审核中"), "the files claimed ten days ago wait in the 8–14 day band");
            Assert.Equal(0, Bar(later, "3 天内", "审核中"));
        }
        finally
        {
            Review.SetBusinessTime(ReviewSteps.InsideWindow);
        }
    }

    /// <summary>The value of one bar, read from its title ("3 天内 审核中 2").</summary>
    private static int Bar(string html, string band, string status)
    {
        var match = Regex.Match(html, $"<title>{Regex.Escape(band)} {Regex.Escape(status)} (\\d+)</title>");
        Assert.True(match.Success, $"no bar for {band} {status}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(Guid Id, Person Wang)> ClaimedByWangAsync(string name)
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        ApplicationSubmitted Submitted(Guid id) => new(id, name, "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023",
            ReviewSteps.InsideWindow, SchemaVersion: 2, Dossier: new Dossier(null, null, null, null, null, null, null, null, null, null, null, null, null), Checklist: Checklist);
        var id = await Review.Forger.AppendAsync(id => [new Forged(Submitted(id))]);
        await Review.PublishAsync(Submitted(id), "QueueSubmittedApplications");
        var wang = new Person(Review.Address);
        (await wang.SignInAsync("reviewer-wang")).Dispose();
        var token = await wang.FormTokenAsync($"/review/applications/{id}");
        using (var claimed = await wang.Http.PostAsync($"/review/applications/{id}/claim", new FormUrlEncodedContent([token, new("expectedVersion", "1")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        return (id, wang);
    }

    private static string ModuleSection(string page, string module)
    {
        var match = Regex.Match(page, $"<section id=\"module-{module}\"[\\s\\S]*?</section>");
        Assert.True(match.Success, $"the module {module} is on the page");
        return match.Value;
    }
}
