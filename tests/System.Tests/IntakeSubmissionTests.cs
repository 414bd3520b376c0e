using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.SystemTests;

/// <summary>The portal's submission: identity numbers checked by their standard, and a repeated request never creates a second application.</summary>
[Collection(SystemCollection.Name)]
public sealed class IntakeSubmissionTests(SystemFixture system)
{
    [Fact]
    public async Task The_same_Idempotency_Key_and_body_sent_five_times_at_once_create_one_application()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var key = Guid.NewGuid().ToString();
        var name = $"幂等{key[..6]}";

        var body = Journey.Application(name);
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SubmitAsync(body, key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where type = 'application_submitted' and data->>'ApplicantName' = @n", ("n", name)));

        using var other = await SubmitAsync(Journey.Application(name + "乙"), key);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("Idempotency-Key", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_portal_client_cannot_see_change_or_withdraw_an_application()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await new Journey(system).SubmitAsync("客户端甲");
        using var other = system.NewIntakeClient().AsSecondPortal();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/applications/{id}/resubmission", Journey.Application("客户端甲"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "不是我的" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.IntakeApi.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.DoesNotContain("application_withdrawn", await system.Infrastructure.EventTypesAsync(id));
    }

    [Fact]
    public async Task The_applicant_sees_the_open_revision_and_the_history_and_can_withdraw_once()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var journey = new Journey(system);
        var id = await journey.SubmitAsync("撤回人");
        await journey.WaitUntilQueuedForReviewAsync(id);
        (await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();
        using (var revision = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/revision", new { comments = new[] { new { module = "申报信息", comment = "专业名称请按目录填写" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, revision.StatusCode);
        }

        var status = await journey.StatusAsync(id);
        Assert.Equal("专业名称请按目录填写", status.GetProperty("openRevision")[0].GetProperty("comment").GetString());
        Assert.Contains(status.GetProperty("history").EnumerateArray(), h => h.GetProperty("eventZh").GetString() == "退回修改");

        using (var withdrawn = await system.IntakeApi.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "今年不再申报" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        using (var again = await system.IntakeApi.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "再撤一次" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal("Withdrawn", (await journey.StatusAsync(id)).GetProperty("status").GetString());
        await TitleReview.Testing.Eventually.ReturnsAsync<JsonElement?>(async () => await system.ReviewApi.GetFromJsonAsync<JsonElement>($"/api/review/queue/{id}"),
            item => item!.Value.GetProperty("status").GetString() == "Withdrawn", TimeSpan.FromSeconds(60), "the review queue to show the withdrawal");
    }

    private async Task<HttpResponseMessage> SubmitAsync(object application, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(application) };
        request.Headers.Add("Idempotency-Key", key);
        return await system.IntakeApi.SendAsync(request);
    }
}
