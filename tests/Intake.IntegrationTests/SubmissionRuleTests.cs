using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>Each hard rule of a submission, its refusing side and its accepting side; every violation is listed at once.</summary>
[Collection(IntakeCollection.Name)]
public sealed class SubmissionRuleTests(IntakeFixture intake) : IntakeTest(intake)
{
    [Fact]
    public async Task The_window_refuses_after_it_closed_and_accepts_inside_it()
    {
        Intake.SetBusinessTime(new DateTimeOffset(2023, 8, 1, 1, 0, 0, TimeSpan.Zero));
        var refused = await RefusedAsync(Application("窗口外"));
        Assert.Equal(["window"], Rules(refused));
        Assert.Equal("二(二)", refused.GetProperty("clause").GetString());

        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        await AcceptedAsync(Application("窗口内"));
    }

    [Fact]
    public async Task Traffic_and_water_specialties_go_to_their_own_committees()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var refused = await RefusedAsync(Application("交通甲", specialty: "交通运输工程"));
        Assert.Equal(["excluded-specialty"], Rules(refused));
        Assert.Equal("specialty", refused.GetProperty("field").GetString());

        await AcceptedAsync(Application("机械乙", specialty: "机械工程"));
    }

    [Fact]
    public async Task Every_violation_is_listed_at_once()
    {
        Intake.SetBusinessTime(new DateTimeOffset(2023, 8, 1, 1, 0, 0, TimeSpan.Zero));
        var refused = await RefusedAsync(Application("水利丙", specialty: "水利水电工程"));

        Assert.Equal(["window", "excluded-specialty"], Rules(refused));
        Assert.All(refused.GetProperty("violations").EnumerateArray(), v => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", v.GetProperty("zh").GetString()));
    }

    [Fact]
    public async Task One_active_application_per_person_and_level_even_when_two_arrive_at_once()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();

        var racing = await Task.WhenAll(
            Intake.Portal.PostAsJsonAsync("/api/applications", Application("同层甲", idNumber: person)),
            Intake.Portal.PostAsJsonAsync("/api/applications", Application("同层甲", idNumber: person)));
        var first = Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        var second = Assert.Single(racing, r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["one-application-per-level"], Rules(await second.Content.ReadFromJsonAsync<JsonElement>()));
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await AcceptedAsync(Application("同层甲", level: "AssistantEngineer", idNumber: person));
        Assert.Equal(["one-application-per-level"], Rules(await RefusedAsync(Application("同层甲", idNumber: person))));

        using (var withdrawn = await Intake.Portal.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "改报" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        await AcceptedAsync(Application("同层甲", idNumber: person));
    }

    private static object Application(string name, string level = "Engineer", string? idNumber = null, string specialty = "机械工程") => new
    {
        schemaVersion = 1,
        cycleId = "xishan-engineering-2023",
        applicantName = name,
        idNumber = idNumber ?? IntakeSteps.NewIdNumber(),
        employer = "无锡某机械有限公司",
        series = "工程技术",
        specialty,
        level,
    };

    private async Task<JsonElement> RefusedAsync(object application)
    {
        using var response = await Intake.Portal.PostAsJsonAsync("/api/applications", application);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task AcceptedAsync(object application)
    {
        using var response = await Intake.Portal.PostAsJsonAsync("/api/applications", application);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static string[] Rules(JsonElement problem) => [.. problem.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()!)];
}
