using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Contracts.Events;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// Issue #12 (Trust) over HTTP: schema v1 only for clients allowed it, the year's slot per person and grade, 身份证
/// numbers normalised once, and a refusal that tells one portal client nothing about another client's applicant.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class IntakeTrustTests(IntakeFixture intake) : IntakeTest(intake)
{
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, object application) =>
        await client.PostAsJsonAsync("/api/applications", application, IntakeSteps.Json);

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
            var number = IntakeSteps.NewIdNumber();
            if (number[^1] == 'X')
            {
                return number;
            }
        }
    }

    [Fact]
    public async Task Schema_version_1_is_refused_for_a_client_not_configured_for_it()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        using var other = Intake.Client().AsSecondPortal();

        using var response = await PostAsync(other, IntakeSteps.Application("第1版乙"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("schemaVersion", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // The API documentation says so.
        var description = (await Intake.Portal.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("info").GetProperty("description").GetString();
        Assert.Contains("incomplete for review", description, StringComparison.Ordinal);

        // The same client with the complete application is accepted.
        var complete = ExampleApplication.Create(IntakeSteps.InsideWindowDay, await TestFiles.UploadExampleAsync(other, "第2版乙"), IntakeSteps.NewIdNumber(), "第2版乙");
        using var accepted = await PostAsync(other, complete);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Another_clients_applicant_is_refused_without_naming_that_application()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();
        var theirs = await Steps.SubmitAsync("两个门户", person);
        using var other = Intake.Client().AsSecondPortal();

        var request = ExampleApplication.Create(IntakeSteps.InsideWindowDay, await TestFiles.UploadExampleAsync(other, "两个门户"), person, "两个门户");
        using var refused = await PostAsync(other, request);

        var problem = await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["one-application-per-level"], Rules(problem));
        Assert.DoesNotContain(theirs.ToString(), problem.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // The client that owns the earlier application is told which one it is.
        using var own = await PostAsync(Intake.Portal, IntakeSteps.Application("两个门户", idNumber: person));
        Assert.Contains(theirs.ToString(), (await ProblemAsync(own, HttpStatusCode.UnprocessableEntity)).GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_integrity_finding_is_refused_neutrally_without_its_source_finding_or_dates()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();
        using (var admin = Intake.Client().As(Roles.Admin))
        using (var imported = await admin.PostAsJsonAsync("/api/integrity-register/imports", new
        {
            source = "某市职称诚信档案",
            records = new[] { new { idNumber = person, finding = "伪造业绩材料", recordedOn = "2022-10-09" } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var other = Intake.Client().AsSecondPortal();
        var request = ExampleApplication.Create(IntakeSteps.InsideWindowDay, await TestFiles.UploadExampleAsync(other, "诚信中立"), person, "诚信中立");
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
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = NewIdNumberEndingInX();
        var typed = $" {person[..6]} {person[6..14]} {person[14..17]}x ";

        using var created = await PostAsync(Intake.Portal, IntakeSteps.Application("空格身份证", idNumber: typed));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var second = await PostAsync(Intake.Portal, IntakeSteps.Application("空格身份证", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await ProblemAsync(second, HttpStatusCode.UnprocessableEntity)));

        using var auditor = Intake.Client().As(Roles.Auditor);
        Assert.Contains(id, await auditor.GetFromJsonAsync<Guid[]>($"/api/applications/by-id-number?idNumber={person}") ?? []);
        Assert.Contains(id, await auditor.GetFromJsonAsync<Guid[]>($"/api/applications/by-id-number?idNumber={Uri.EscapeDataString(typed)}") ?? []);

        // The integrity register finds a number imported in its normal form when the portal types it otherwise.
        var flagged = NewIdNumberEndingInX();
        using (var admin = Intake.Client().As(Roles.Admin))
        using (var imported = await admin.PostAsJsonAsync("/api/integrity-register/imports", new
        {
            source = "测试",
            records = new[] { new { idNumber = flagged, finding = "弄虚作假", recordedOn = "2023-01-01" } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var refused = await PostAsync(Intake.Portal, IntakeSteps.Application("诚信空格", idNumber: $"{flagged[..9]} {flagged[9..17]}x"));
        Assert.Equal(["integrity-register"], Rules(await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task Assistant_engineer_and_technician_share_the_persons_one_initial_application_a_year()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();
        using var assistant = await PostAsync(Intake.Portal, IntakeSteps.Application("初级两项", level: "AssistantEngineer", idNumber: person));
        Assert.Equal(HttpStatusCode.Created, assistant.StatusCode);
        var id = (await assistant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var technician = await PostAsync(Intake.Portal, IntakeSteps.Application("初级两项", level: "Technician", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await ProblemAsync(technician, HttpStatusCode.UnprocessableEntity)));

        // Withdrawn by the applicant: the year is free again for the same committee.
        using (var withdrawn = await Intake.Portal.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "改报技术员" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        using var again = await PostAsync(Intake.Portal, IntakeSteps.Application("初级两项", level: "Technician", idNumber: person));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task A_rejected_application_holds_the_year()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();
        var id = await Steps.SubmitAsync("驳回占位", person);

        // The reviewer claims the file and rejects it, as Review would (its events on the stream, relayed).
        await Steps.OthersActAsync(
            new ReviewStarted(id, "reviewer-wang", IntakeSteps.InsideWindow.AddHours(1)),
            new ApplicationRejected(id, "业绩材料不实", IntakeSteps.InsideWindow.AddHours(2)));

        Assert.Equal("Rejected", (await Steps.StatusAsync(id)).GetProperty("status").GetString());
        using var again = await PostAsync(Intake.Portal, IntakeSteps.Application("驳回占位", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await ProblemAsync(again, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task A_committee_fail_holds_the_year()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();
        var id = await Steps.SubmitAsync("评审未过", person);

        // Through review, publicity and payment onto the agenda, then one vote short of two thirds of the 7 present.
        var toAgenda = CleanHistory.Build(id, "评审未过").Skip(1).Take(6).Select(step => step.Event);
        await Steps.OthersActAsync([.. toAgenda, new CommitteeDecided(id, Guid.NewGuid(), new DateOnly(2023, 6, 8), 9, 7, 3, 4, 0, false, IntakeSteps.InsideWindow.AddDays(7))]);

        Assert.Equal("CommitteeFailed", (await Steps.StatusAsync(id)).GetProperty("status").GetString());
        using var again = await PostAsync(Intake.Portal, IntakeSteps.Application("评审未过", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await ProblemAsync(again, HttpStatusCode.UnprocessableEntity)));
    }
}
