using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Contracts;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.Testing;

namespace TitleReview.SystemTests;

/// <summary>
/// The revision loop with the complete application: the reviewer sees every module and the checklist and downloads
/// attachments, asks for changes per module; the portal resubmits with PUT and If-Match; the changed modules come back marked.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PortalRevisionTests(SystemFixture system)
{
    private async Task<(Guid Id, SubmitApplicationRequest Request)> SubmittedAsync(string name)
    {
        var journey = new Journey(system);
        var submitted = await journey.SubmitCompleteAsync(name);
        await journey.WaitUntilQueuedForReviewAsync(submitted.Id);
        return submitted;
    }

    private async Task<(Guid Id, SubmitApplicationRequest Request)> SubmittedAndReturnedAsync(string name)
    {
        var (id, request) = await SubmittedAsync(name);
        var journey = new Journey(system);
        (await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();
        using var revision = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/revision",
            new { comments = new[] { new { module = ApplicationModules.AcademicOutputs, comment = "论文请补充刊物目录页" } } });
        Assert.Equal(HttpStatusCode.OK, revision.StatusCode);
        await journey.StatusBecomesAsync(id, "RevisionRequested");
        return (id, request);
    }

    private async Task<EntityTagHeaderValue> ETagAsync(Guid id)
    {
        using var status = await system.IntakeApi.GetAsync($"/api/applications/{id}");
        return status.Headers.ETag ?? throw new InvalidOperationException("no ETag");
    }

    private Task<HttpResponseMessage> PutAsync(Guid id, SubmitApplicationRequest request, string? ifMatch)
    {
        var message = new HttpRequestMessage(HttpMethod.Put, $"/api/applications/{id}") { Content = JsonContent.Create(request, options: Journey.Json) };
        if (ifMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return system.IntakeApi.SendAsync(message);
    }

    [Fact]
    public async Task Put_with_the_current_version_resubmits_and_marks_only_the_changed_modules()
    {
        var (id, request) = await SubmittedAndReturnedAsync("修改论文甲");
        var paperScan = await TestFiles.UploadedIdAsync(system.IntakeApi, TestFiles.Pdf("目录页"), "刊物目录.pdf");
        var outputs = request.Dossier!.AcademicOutputs!;
        var corrected = request with { Dossier = request.Dossier with { AcademicOutputs = [outputs[0], outputs[1] with { PublicationScanId = paperScan }] } };

        using (var missing = await PutAsync(id, corrected, null))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        }

        using (var stale = await PutAsync(id, corrected, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
            Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        }

        var tag = await ETagAsync(id);
        using var response = await PutAsync(id, corrected, tag.Tag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changedModules").EnumerateArray().Select(m => m.GetString()!).ToArray();
        // Stored as codes; the portal reads the Chinese label.
        Assert.Equal([ApplicationModules.Label(ApplicationModules.AcademicOutputs)], changed);
        Assert.NotEqual(tag, response.Headers.ETag);

        // Intake's own status follows the resubmission at once, as the ledger does.
        var status = await new Journey(system).StatusAsync(id);
        Assert.Contains(status.GetProperty("status").GetString(), new[] { "Resubmitted", "UnderReview" });
        Assert.Equal(response.Headers.ETag!.Tag, (await ETagAsync(id)).Tag);

        // The reviewer's page shows the module marked and the new scan among the downloads.
        using var reviewer = new Person(system.ReviewAddress);
        await reviewer.SignInAsync("reviewer-wang");
        // The changed module's section carries the .changed highlight and says so in its heading; an unchanged one neither.
        var marked = new System.Text.RegularExpressions.Regex("<section id=\"module-AcademicOutputs\" class=\"dossier-module changed\"[^>]*>\\s*<h3[^>]*>\\s*学术成果\\s*<span class=\"changed-mark\">（本次重新提交已修改）</span>");
        var page = await Eventually.ReturnsAsync<string?>(async () => await reviewer.Http.GetStringAsync($"/review/applications/{id}"),
            html => html!.Contains($"/attachments/{paperScan}", StringComparison.Ordinal) && marked.IsMatch(html),
            TimeSpan.FromSeconds(30), "the resubmitted dossier marked on the review page");
        Assert.Contains("<section id=\"module-WorkHistory\" class=\"dossier-module\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resubmission_cannot_change_the_person_the_level_or_the_cycle()
    {
        Assert.NotNull(system.Intake.Services.GetRequiredService<TitleReview.Domain.Cycles.ReviewCycleCatalogue>().Find(OtherCommittee.Cycle));
        var (id, request) = await SubmittedAndReturnedAsync("换人修改丁");
        var tag = (await ETagAsync(id)).Tag;

        foreach (var (changed, field) in new[]
        {
            (request with { IdNumber = Journey.NewIdNumber() }, "idNumber"),
            (request with { Level = "AssistantEngineer" }, "level"),
            (request with { CycleId = OtherCommittee.Cycle }, "cycleId"),
        })
        {
            using var put = await PutAsync(id, changed, tag);
            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
            Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
            using var post = await system.IntakeApi.PostAsJsonAsync($"/api/applications/{id}/resubmission", changed, Journey.Json);
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }

        // The same number typed otherwise is the same person.
        var typed = request with { IdNumber = $" {request.IdNumber!.ToLowerInvariant()[..9]} {request.IdNumber.ToLowerInvariant()[9..]}" };
        using var same = await PutAsync(id, typed, tag);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task Two_resubmissions_with_the_same_version_let_exactly_one_through()
    {
        var (id, request) = await SubmittedAndReturnedAsync("并发修改乙");
        var tag = (await ETagAsync(id)).Tag;
        var first = request with { Employer = "无锡某机械有限公司（一）" };
        var second = request with { Employer = "无锡某机械有限公司（二）" };

        var answers = await Task.WhenAll(PutAsync(id, first, tag), PutAsync(id, second, tag));
        var said = string.Join("\n", await Task.WhenAll(answers.Select(async a => $"{(int)a.StatusCode} {await a.Content.ReadAsStringAsync()}")));

        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) == 1, said);
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.PreconditionFailed) == 1, said);
        Assert.Single(await system.Infrastructure.EventTypesAsync(id), t => t == "application_resubmitted");
    }

    [Fact]
    public async Task The_reviewer_sees_every_module_and_the_checklist_and_downloads_what_the_ledger_recorded()
    {
        var (id, request) = await SubmittedAsync("审核查看丙");
        using var reviewer = new Person(system.ReviewAddress);
        await reviewer.SignInAsync("reviewer-wang");
        var token = await reviewer.FormTokenAsync($"/review/applications/{id}");
        using (var claimed = await reviewer.Http.PostAsync($"/review/applications/{id}/claim", new FormUrlEncodedContent([token, new("expectedVersion", "1")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        var page = await reviewer.Http.GetStringAsync($"/review/applications/{id}");

        foreach (var module in ApplicationModules.All.Except([ApplicationModules.Declaration]))
        {
            Assert.Matches($"<h3 id=\"module-{module}-title\">\\s*{ApplicationModules.Label(module)}", page);
        }

        Assert.Contains("人工核查清单", page, StringComparison.Ordinal);
        Assert.Contains("中国知网学术文献检测", page, StringComparison.Ordinal);
        Assert.Contains("王核实", page, StringComparison.Ordinal);
        Assert.Contains("name=\"comment:学术成果\"", page, StringComparison.Ordinal);

        // A comment on one of the 13 modules travels from the page's form into the ledger's revision request.
        token = await reviewer.FormTokenAsync($"/review/applications/{id}");
        using (var returned = await reviewer.Http.PostAsync($"/review/applications/{id}/revision",
            new FormUrlEncodedContent([token, new("expectedVersion", "2"), new("comment:工作业绩", "业绩证明缺少核实日期")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        }

        var status = await new Journey(system).StatusBecomesAsync(id, "RevisionRequested");
        var comment = Assert.Single(status.GetProperty("openRevision").EnumerateArray());
        Assert.Equal((ApplicationModules.Label(ApplicationModules.Performance), "业绩证明缺少核实日期"), (comment.GetProperty("module").GetString(), comment.GetProperty("comment").GetString()));

        using var download = await reviewer.Http.GetAsync($"/review/applications/{id}/attachments/{request.Dossier!.WorkSummary!.DocumentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("PK", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync())[..2], StringComparison.Ordinal);

        // An attachment this application does not name is not served, even though it exists in Intake.
        var unrelated = await TestFiles.UploadedIdAsync(system.IntakeApi, TestFiles.Pdf("unrelated"), "无关.pdf");
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.Http.GetAsync($"/review/applications/{id}/attachments/{unrelated}")).StatusCode);
    }
}
