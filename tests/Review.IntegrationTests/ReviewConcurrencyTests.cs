using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

/// <summary>Two reviewers act on one file at the same moment: exactly one wins, the other is told, nothing is overwritten.</summary>
[Collection(ReviewCollection.Name)]
public sealed class ReviewConcurrencyTests(ReviewFixture review) : ReviewTest(review)
{
    [Fact]
    public async Task Two_reviewers_claiming_one_file_at_once_one_wins_and_the_other_sees_why()
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await Steps.SubmittedAsync("并发认领");
        using var wang = new Person(Review.Address);
        using var li = new Person(Review.Address);
        (await wang.SignInAsync("reviewer-wang")).Dispose();
        (await li.SignInAsync("reviewer-li")).Dispose();
        var wangForm = await ClaimFormAsync(wang, id);
        var liForm = await ClaimFormAsync(li, id);

        var answers = await Task.WhenAll(
            wang.Http.PostAsync($"/review/applications/{id}/claim", new FormUrlEncodedContent(wangForm)),
            li.Http.PostAsync($"/review/applications/{id}/claim", new FormUrlEncodedContent(liForm)));

        var won = answers.Count(a => a.StatusCode == HttpStatusCode.Redirect && a.Headers.Location!.OriginalString.EndsWith("notice=claim", StringComparison.Ordinal));
        Assert.Equal(1, won);
        var lost = answers.Single(a => !(a.StatusCode == HttpStatusCode.Redirect && a.Headers.Location!.OriginalString.EndsWith("notice=claim", StringComparison.Ordinal)));
        var loser = lost == answers[0] ? wang : li;
        var message = lost.StatusCode == HttpStatusCode.Redirect
            ? await loser.Http.GetStringAsync(lost.Headers.Location!.OriginalString)
            : await lost.Content.ReadAsStringAsync();
        Assert.Matches("已被他人修改|已由 reviewer-(wang|li) 认领", message);
        Assert.Equal(1, await Review.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'review_started'", ("id", id)));
    }

    [Fact]
    public async Task Acting_on_a_stale_version_is_refused_with_a_clear_message_and_exactly_one_decision_lands()
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await Steps.SubmittedAsync("并发终审");
        (await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();
        var version = (await ReviewApi.GetFromJsonAsync<JsonElement>($"/api/review/queue/{id}")).GetProperty("ledgerVersion").GetInt64();

        var answers = await Task.WhenAll(
            ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = version }),
            ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/rejection", new { reason = "材料不全", expectedVersion = version }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, await Review.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type in ('final_approved', 'application_rejected')", ("id", id)));
    }

    private static async Task<List<KeyValuePair<string, string>>> ClaimFormAsync(Person person, Guid id)
    {
        var html = await person.Http.GetStringAsync($"/review/applications/{id}");
        // The claim form itself (the page's sign-out form carries a token too): its anti-forgery field, then the version it shows.
        var form = System.Text.RegularExpressions.Regex.Match(html,
            "<form method=\"post\" action=\"/review/applications/[^\"]+/claim\" class=\"action-claim\">\\s*<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"\\s*/?>\\s*<input type=\"hidden\" name=\"expectedVersion\" value=\"(\\d+)\"");
        Assert.True(form.Success, "the claim form is on the page");
        return [new(form.Groups[1].Value, WebUtility.HtmlDecode(form.Groups[2].Value)), new("expectedVersion", form.Groups[3].Value)];
    }
}
