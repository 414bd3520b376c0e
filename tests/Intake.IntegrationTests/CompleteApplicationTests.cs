using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TitleReview.Contracts.Applications;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>The complete application (schema v2) over HTTP: attachments uploaded first, then the 13 modules.</summary>
[Collection(IntakeCollection.Name)]
public sealed class CompleteApplicationTests(IntakeFixture intake) : IntakeTest(intake)
{
    private Task<SubmitApplicationRequest> ExampleAsync(string name) => Steps.CompleteApplicationAsync(name);

    /// <summary>Submissions by this applicant name in the ledger (events are stored with C# property names).</summary>
    private Task<long> SubmittedCountAsync(string name) =>
        Intake.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where type = 'application_submitted' and data->>'ApplicantName' = @name", ("name", name));

    [Fact]
    public async Task The_example_application_is_accepted_and_the_ledger_gets_modules_checklist_and_hashes_but_no_phone()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var request = await ExampleAsync("完整申报甲");
        using var response = await Intake.Portal.PostAsJsonAsync("/api/applications", request, IntakeSteps.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var data = await Intake.Infrastructure.ScalarTextAsync("select data::text from ledger.mt_events where stream_id = @id and version = 1", ("id", id));
        // The ledger stores events as Marten writes them: property names as in C#.
        var submitted = JsonDocument.Parse(data).RootElement;
        Assert.Equal(2, submitted.GetProperty("SchemaVersion").GetInt32());
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("Dossier").GetProperty("Basic").GetProperty("Phone").ValueKind);
        Assert.DoesNotContain("0510-88000000", data, StringComparison.Ordinal);
        Assert.DoesNotContain(request.IdNumber!, data, StringComparison.Ordinal);
        var attachments = submitted.GetProperty("Attachments").EnumerateArray().ToList();
        Assert.Contains(attachments, a => a.GetProperty("Field").GetString() == "dossier.basic.photoId" && a.GetProperty("Kind").GetString() == "Jpeg");
        Assert.Equal(14, attachments.Count);
        Assert.All(attachments, a => Assert.Matches("^[0-9a-f]{64}$", a.GetProperty("Sha256").GetString()));
        Assert.Contains(submitted.GetProperty("Checklist").EnumerateArray(), c => c.GetProperty("Code").GetString() == "academic-misconduct");

        using var status = await Intake.Portal.GetAsync($"/api/applications/{id}");
        var body = await status.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public async Task A_refused_dossier_lists_every_violation_and_writes_nothing()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var request = await ExampleAsync("完整申报乙");
        var broken = request with
        {
            Dossier = request.Dossier! with
            {
                Basic = request.Dossier.Basic! with { CivilServant = true },
                UnitConsent = request.Dossier.UnitConsent! with { ProofIssuedOn = request.Dossier.UnitConsent.PublicityEnd },
                AcademicOutputs = [request.Dossier.AcademicOutputs![1]],
            },
        };
        using var response = await Intake.Portal.PostAsJsonAsync("/api/applications", broken, IntakeSteps.Json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var violations = problem.GetProperty("violations").EnumerateArray().Select(v => (v.GetProperty("rule").GetString(), v.GetProperty("clause").GetString(), v.GetProperty("field").GetString())).ToList();
        Assert.Contains(("eligibility", "一(三)", "dossier.basic.civilServant"), violations);
        Assert.Contains(("academic-outputs", "四(三)", "dossier.academicOutputs"), violations);
        Assert.Contains(("unit-publicity", "四(一)", "dossier.unitConsent.proofIssuedOn"), violations);
        Assert.Equal(0, await SubmittedCountAsync("完整申报乙"));
    }

    [Fact]
    public async Task Missing_modules_and_unknown_choices_are_named_by_field_path()
    {
        var request = await ExampleAsync("缺模块");
        var incomplete = request with { Dossier = request.Dossier! with { WorkHistory = null, UnitConsent = null, Basic = request.Dossier.Basic! with { Residency = "Martian" } } };

        using var response = await Intake.Portal.PostAsJsonAsync("/api/applications", incomplete, IntakeSteps.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("dossier.workHistory", out _));
        Assert.True(errors.TryGetProperty("dossier.unitConsent", out _));
        Assert.Contains("Mainland", errors.GetProperty("dossier.basic.residency")[0].GetString(), StringComparison.Ordinal);

        using var noDossier = await Intake.Portal.PostAsJsonAsync("/api/applications", request with { Dossier = null }, IntakeSteps.Json);
        Assert.Equal(HttpStatusCode.BadRequest, noDossier.StatusCode);
    }

    [Fact]
    public async Task Wrong_types_impossible_dates_and_hostile_text_get_clear_answers()
    {
        var request = await ExampleAsync("类型错误");
        var json = JsonSerializer.Serialize(request, IntakeSteps.Json);

        foreach (var bad in new[]
        {
            json.Replace("\"workStartedOn\":\"2014-07-01\"", "\"workStartedOn\":\"2023-02-30\"", StringComparison.Ordinal),
            json.Replace("\"civilServant\":false", "\"civilServant\":\"no\"", StringComparison.Ordinal),
            json.Replace("\"hours\":90", "\"hours\":\"ninety\"", StringComparison.Ordinal),
            json[..(json.Length / 2)],
        })
        {
            Assert.NotEqual(json, bad);
            using var response = await Intake.Portal.PostAsync("/api/applications", new StringContent(bad, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Text that looks like markup or SQL is only text: stored as given, the table still there.
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var hostile = request with { Dossier = request.Dossier! with { WorkHistory = [request.Dossier.WorkHistory![0] with { Employer = "x'); drop table ledger.mt_events; --", MainTechnicalWork = "<script>alert(1)</script>" }] } };
        using var accepted = await Intake.Portal.PostAsJsonAsync("/api/applications", hostile, IntakeSteps.Json);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.True(await Intake.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events") > 0);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_and_nothing_is_written()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var request = await ExampleAsync("超大请求");
        var padded = request with { Dossier = request.Dossier! with { Exceptional = new ExceptionalCase(new string('长', 600_000), []) } };
        // As a careful portal sends a large body: with its length and "Expect: 100-continue", so the refusal comes before
        // the body. Sent straight away, the server's refusal and closed connection raced the client still writing, and
        // the client now and then saw a broken pipe instead of the answer (a CI run failed on it).
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
        {
            Content = new StringContent(JsonSerializer.Serialize(padded, IntakeSteps.Json), Encoding.UTF8, "application/json"),
        };
        message.Headers.ExpectContinue = true;
        using var response = await Intake.Portal.SendAsync(message);

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await SubmittedCountAsync("超大请求"));
    }

    [Fact]
    public async Task Another_clients_attachment_cannot_be_named()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var request = await ExampleAsync("借用附件");
        using var other = Intake.Client().AsSecondPortal();

        using var response = await other.PostAsJsonAsync("/api/applications", request with { IdNumber = IntakeSteps.NewIdNumber() }, IntakeSteps.Json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var rules = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()).Distinct();
        Assert.Equal(["attachment-kinds"], rules);
    }
}
