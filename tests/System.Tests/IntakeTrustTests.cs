using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.SystemTests;

/// <summary>
/// Issue #12 (Trust) over HTTP: schema v1 only for clients allowed it, the year's slot per person and grade, 身份证
/// numbers normalised once, and a refusal that tells one portal client nothing about another client's applicant.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IntakeTrustTests(SystemFixture system)
{
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, object application) =>
        await client.PostAsJsonAsync("/api/applications", application, Journey.Json);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    private static string[] Rules(JsonElement problem) => [.. problem.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()!)];

    /// <summary>A fresh 身份证 number whose check character is X, so the lower-case x can be tried.</summary>
    private static string NewIdNumberEndingInX()
    {
        while (true)
        {
            var number = Journey.NewIdNumber();
            if (number[^1] == 'X')
            {
                return number;
            }
        }
    }

    [Fact]
    public async Task Schema_version_1_is_refused_for_a_client_not_configured_for_it()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        using var other = system.NewIntakeClient().AsSecondPortal();

        using var response = await PostAsync(other, Journey.Application("第1版乙"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("schemaVersion", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // The API documentation says so.
        var description = (await system.IntakeApi.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("info").GetProperty("description").GetString();
        Assert.Contains("incomplete for review", description, StringComparison.Ordinal);

        // The same client with the complete application is accepted.
        var complete = ExampleApplication.Create(Journey.InsideWindowDay, await TestFiles.UploadExampleAsync(other, "第2版乙"), Journey.NewIdNumber(), "第2版乙");
        using var accepted = await PostAsync(other, complete);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Another_clients_applicant_is_refused_without_naming_that_application()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var person = Journey.NewIdNumber();
        var theirs = await new Journey(system).SubmitAsync("两个门户", person);
        using var other = system.NewIntakeClient().AsSecondPortal();

        var request = ExampleApplication.Create(Journey.InsideWindowDay, await TestFiles.UploadExampleAsync(other, "两个门户"), person, "两个门户");
        using var refused = await PostAsync(other, request);

        var problem = await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["one-application-per-level"], Rules(problem));
        Assert.DoesNotContain(theirs.ToString(), problem.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // The client that owns the earlier application is told which one it is.
        using var own = await PostAsync(system.IntakeApi, Journey.Application("两个门户", idNumber: person));
        Assert.Contains(theirs.ToString(), (await ProblemAsync(own, HttpStatusCode.UnprocessableEntity)).GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_integrity_finding_is_refused_neutrally_without_its_source_finding_or_dates()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var person = Journey.NewIdNumber();
        using (var admin = system.NewIntakeClient().As(Roles.Admin))
        using (var imported = await admin.PostAsJsonAsync("/api/integrity-register/imports", new
        {
            source = "某市职称诚信档案",
            records = new[] { new { idNumber = person, finding = "伪造业绩材料", recordedOn = "2022-10-09" } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var other = system.NewIntakeClient().AsSecondPortal();
        var request = ExampleApplication.Create(Journey.InsideWindowDay, await TestFiles.UploadExampleAsync(other, "诚信中立"), person, "诚信中立");
        using var refused = await PostAsync(other, request);

        var problem = await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["integrity-register"], Rules(problem));
        var text = $"{problem.GetProperty("detail")} {problem.GetProperty("violations")}";
        Assert.Contains("三年", text, StringComparison.Ordinal);
        foreach (var secret in new[] { "某市职称诚信档案", "伪造业绩材料", "2022", "2025", "10-09", "10月9日" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_number_sent_with_spaces_and_a_lower_case_x_is_the_same_person_everywhere()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var person = NewIdNumberEndingInX();
        var typed = $" {person[..6]} {person[6..14]} {person[14..17]}x ";

        using var created = await PostAsync(system.IntakeApi, Journey.Application("空格身份证", idNumber: typed));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var second = await PostAsync(system.IntakeApi, Journey.Application("空格身份证", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await ProblemAsync(second, HttpStatusCode.UnprocessableEntity)));

        using var auditor = system.NewIntakeClient().As(Roles.Auditor);
        Assert.Contains(id, await auditor.GetFromJsonAsync<Guid[]>($"/api/applications/by-id-number?idNumber={person}") ?? []);
        Assert.Contains(id, await auditor.GetFromJsonAsync<Guid[]>($"/api/applications/by-id-number?idNumber={Uri.EscapeDataString(typed)}") ?? []);

        // The integrity register finds a number imported in its normal form when the portal types it otherwise.
        var flagged = NewIdNumberEndingInX();
        using (var admin = system.NewIntakeClient().As(Roles.Admin))
        using (var imported = await admin.PostAsJsonAsync("/api/integrity-register/imports", new
        {
            source = "测试",
            records = new[] { new { idNumber = flagged, finding = "弄虚作假", recordedOn = "2023-01-01" } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var refused = await PostAsync(system.IntakeApi, Journey.Application("诚信空格", idNumber: $"{flagged[..9]} {flagged[9..17]}x"));
        Assert.Equal(["integrity-register"], Rules(await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task Assistant_engineer_and_technician_share_the_persons_one_initial_application_a_year()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var person = Journey.NewIdNumber();
        using var assistant = await PostAsync(system.IntakeApi, Journey.Application("初级两项", level: "AssistantEngineer", idNumber: person));
        Assert.Equal(HttpStatusCode.Created, assistant.StatusCode);
        var id = (await assistant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var technician = await PostAsync(system.IntakeApi, Journey.Application("初级两项", level: "Technician", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await ProblemAsync(technician, HttpStatusCode.UnprocessableEntity)));

        // Withdrawn by the applicant: the year is free again for the same committee.
        using (var withdrawn = await system.IntakeApi.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "改报技术员" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        using var again = await PostAsync(system.IntakeApi, Journey.Application("初级两项", level: "Technician", idNumber: person));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task A_rejected_application_holds_the_year()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var person = Journey.NewIdNumber();
        var journey = new Journey(system);
        var id = await journey.SubmitAsync("驳回占位", person);
        await journey.WaitUntilQueuedForReviewAsync(id);
        (await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();
        using (var rejected = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/rejection", new { reason = "业绩材料不实" }))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        await journey.StatusBecomesAsync(id, "Rejected");
        using var again = await PostAsync(system.IntakeApi, Journey.Application("驳回占位", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await ProblemAsync(again, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task A_committee_fail_holds_the_year()
    {
        var person = Journey.NewIdNumber();
        var journey = new Journey(system);
        var id = (await journey.AwaitingCommitteeAsync(("评审未过", person)))[0];
        using (var decided = await journey.DecideAsync(id, present: 7, votesFor: 3))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await journey.StatusBecomesAsync(id, "CommitteeFailed");
        using var again = await PostAsync(system.IntakeApi, Journey.Application("评审未过", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await ProblemAsync(again, HttpStatusCode.UnprocessableEntity)));
    }
}
