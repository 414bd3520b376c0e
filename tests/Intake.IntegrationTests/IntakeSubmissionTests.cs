using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Contracts.Events;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>The portal's submission: identity numbers checked by their standard, and a repeated request never creates a second application.</summary>
[Collection(IntakeCollection.Name)]
public sealed class IntakeSubmissionTests(IntakeFixture intake) : IntakeTest(intake)
{
    [Fact]
    public async Task The_same_Idempotency_Key_and_body_sent_five_times_at_once_create_one_application()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var key = Guid.NewGuid().ToString();
        var name = $"幂等{key[..6]}";

        var body = IntakeSteps.Application(name);
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SubmitAsync(body, key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await Intake.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where type = 'application_submitted' and data->>'ApplicantName' = @n", ("n", name)));

        // Once more later, alone: answered from the key's record read with the decision's documents, nothing written.
        using (var again = await SubmitAsync(body, key))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(ids[0], (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        using var other = await SubmitAsync(IntakeSteps.Application(name + "乙"), key);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("Idempotency-Key", await other.Content.ReadAsStringAsync());
        Assert.Equal(1, await Intake.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where type = 'application_submitted' and data->>'ApplicantName' like @n", ("n", name + "%")));
    }

    [Fact]
    public async Task Another_portal_client_cannot_see_change_or_withdraw_an_application()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var id = await Steps.SubmitAsync("客户端甲");
        using var other = Intake.Client().AsSecondPortal();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/applications/{id}/resubmission", IntakeSteps.Application("客户端甲"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "不是我的" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Intake.Portal.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.DoesNotContain("application_withdrawn", await Intake.Infrastructure.EventTypesAsync(id));
    }

    [Fact]
    public async Task The_applicant_sees_the_open_revision_and_the_history_and_can_withdraw_once()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var id = await Steps.SubmitAsync("撤回人");

        // Review claims the file and returns it for revision, as its reviewer would (its events on the stream, relayed).
        await Steps.OthersActAsync(
            new ReviewStarted(id, "reviewer-wang", IntakeSteps.InsideWindow.AddHours(1)),
            new RevisionRequested(id, [new ModuleComment("申报信息", "专业名称请按目录填写")], IntakeSteps.InsideWindow.AddHours(2)));

        var status = await Steps.StatusAsync(id);
        Assert.Equal("专业名称请按目录填写", status.GetProperty("openRevision")[0].GetProperty("comment").GetString());
        Assert.Contains(status.GetProperty("history").EnumerateArray(), h => h.GetProperty("eventZh").GetString() == "退回修改");

        using (var withdrawn = await Intake.Portal.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "今年不再申报" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        using (var again = await Intake.Portal.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "再撤一次" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal("Withdrawn", (await Steps.StatusAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_applicants_history_leaves_out_the_reviewers_checklist_steps()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var id = await Steps.SubmitAsync("核查人");

        // The reviewer claims the file, checks one item of its checklist (Review's event on the stream; Intake does not
        // subscribe to it), then returns it for revision.
        await Steps.OthersActAsync(new ReviewStarted(id, "reviewer-wang", IntakeSteps.InsideWindow.AddHours(1)));
        await Intake.Forger.AppendAsync(id, [new Forged(new ChecklistItemChecked(id, "education-verification", "已与学信网核对。", "reviewer-wang", IntakeSteps.InsideWindow.AddHours(2)))]);
        await Steps.OthersActAsync(new RevisionRequested(id, [new ModuleComment("申报信息", "专业名称请按目录填写")], IntakeSteps.InsideWindow.AddHours(3)));
        Assert.Contains("checklist_item_checked", await Intake.Infrastructure.EventTypesAsync(id));

        var history = (await Steps.StatusAsync(id)).GetProperty("history").EnumerateArray().ToList();

        Assert.Equal(["application_submitted", "review_started", "revision_requested"], history.Select(h => h.GetProperty("event").GetString()));
        Assert.DoesNotContain(history, h => h.GetProperty("eventZh").GetString() == "核查清单事项已核对");
    }

    private async Task<HttpResponseMessage> SubmitAsync(object application, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(application) };
        request.Headers.Add("Idempotency-Key", key);
        return await Intake.Portal.SendAsync(request);
    }
}
