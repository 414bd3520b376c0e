using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Identification;
using TitleReview.Intake.Features.Status;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// 三(六): one employer sends its applicants of a series and level to one committee a year. A second committee's 2023
/// cycle is loaded as data (Cycles:Directory), as a real deployment would add one.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class EmployerCommitteeTests(IntakeFixture intake) : IntakeTest(intake)
{
    public const string OtherCycle = OtherCommittee.Cycle;

    private static object Application(string name, string employer, string cycleId, string level = "Engineer") => new
    {
        schemaVersion = 1, cycleId, applicantName = name, idNumber = IntakeSteps.NewIdNumber(),
        employer, series = "工程技术", specialty = "机械工程", level,
    };

    /// <summary>This Intake knows the other committee through its own injected catalogue, loaded from the directory.</summary>
    private Task LoadOtherCommitteeAsync()
    {
        Assert.NotNull(Intake.Host.Services.GetRequiredService<ReviewCycleCatalogue>().Find(OtherCycle));
        Assert.Null(ReviewCycleCatalogue.Shipped.Find(OtherCycle));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_employers_applicants_of_one_series_and_level_go_to_one_committee()
    {
        await LoadOtherCommitteeAsync();
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var employer = $"无锡某电气有限公司{Guid.NewGuid():N}"[..20];

        using (var first = await Intake.Portal.PostAsJsonAsync("/api/applications", Application("单位甲", employer, ReviewCycleCatalogue.Xishan2023)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var elsewhere = await Intake.Portal.PostAsJsonAsync("/api/applications", Application("单位乙", employer, OtherCycle));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, elsewhere.StatusCode);
        var problem = await elsewhere.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("one-committee-per-employer", "三(六)", "employer"), (problem.GetProperty("rule").GetString(), problem.GetProperty("clause").GetString(), problem.GetProperty("field").GetString()));

        // Same committee: fine. Another level: its own choice.
        using (var same = await Intake.Portal.PostAsJsonAsync("/api/applications", Application("单位丙", employer, ReviewCycleCatalogue.Xishan2023)))
        {
            Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        }

        using var otherLevel = await Intake.Portal.PostAsJsonAsync("/api/applications", Application("单位丁", employer, OtherCycle, "AssistantEngineer"));
        Assert.Equal(HttpStatusCode.Created, otherLevel.StatusCode);
    }

    [Fact]
    public async Task A_person_applies_for_a_level_to_one_committee_a_year()
    {
        await LoadOtherCommitteeAsync();
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();
        object Of(string cycleId, string employer) => new
        {
            schemaVersion = 1, cycleId, applicantName = "两处申报", idNumber = person, employer, series = "工程技术", specialty = "机械工程", level = "Engineer",
        };

        using (var here = await Intake.Portal.PostAsJsonAsync("/api/applications", Of(ReviewCycleCatalogue.Xishan2023, $"甲单位{Guid.NewGuid():N}")))
        {
            Assert.Equal(HttpStatusCode.Created, here.StatusCode);
        }

        using var there = await Intake.Portal.PostAsJsonAsync("/api/applications", Of(OtherCycle, $"乙单位{Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, there.StatusCode);
        Assert.Equal("one-application-per-level", (await there.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task One_employer_is_one_key_with_or_without_its_credit_code()
    {
        await LoadOtherCommitteeAsync();
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var employer = $"无锡某阀门有限公司{Guid.NewGuid():N}"[..20];
        var first17 = $"91320205MA{Random.Shared.Next(0, 10_000_000):D7}";
        var creditCode = first17 + UnifiedSocialCreditCode.CheckCharacterOf(first17);

        var withCode = new
        {
            schemaVersion = 1, cycleId = ReviewCycleCatalogue.Xishan2023, applicantName = "代码甲", idNumber = IntakeSteps.NewIdNumber(),
            employer, employerCreditCode = creditCode, series = "工程技术", specialty = "机械工程", level = "Engineer",
        };
        using (var first = await Intake.Portal.PostAsJsonAsync("/api/applications", withCode))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // The same employer written without its code (and with a space) cannot go to another committee.
        using var elsewhere = await Intake.Portal.PostAsJsonAsync("/api/applications", Application("代码乙", $"{employer[..4]} {employer[4..]}", OtherCycle));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, elsewhere.StatusCode);
        Assert.Equal("one-committee-per-employer", (await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_withdrawal_frees_the_year_for_the_same_committee_only()
    {
        await LoadOtherCommitteeAsync();
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();
        object Of(string cycleId) => new
        {
            schemaVersion = 1, cycleId, applicantName = "撤回改投", idNumber = person, employer = $"丙单位{Guid.NewGuid():N}", series = "工程技术", specialty = "机械工程", level = "Engineer",
        };

        using var here = await Intake.Portal.PostAsJsonAsync("/api/applications", Of(ReviewCycleCatalogue.Xishan2023));
        Assert.Equal(HttpStatusCode.Created, here.StatusCode);
        var id = (await here.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var withdrawn = await Intake.Portal.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "改投他处" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        using var there = await Intake.Portal.PostAsJsonAsync("/api/applications", Of(OtherCycle));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, there.StatusCode);
        Assert.Equal("one-application-per-level", (await there.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());

        using var again = await Intake.Portal.PostAsJsonAsync("/api/applications", Of(ReviewCycleCatalogue.Xishan2023));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Two_first_applications_racing_to_different_committees_let_one_in()
    {
        await LoadOtherCommitteeAsync();
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var employer = $"无锡某仪表有限公司{Guid.NewGuid():N}"[..20];

        var answers = await Task.WhenAll(
            Intake.Portal.PostAsJsonAsync("/api/applications", Application("竞速甲", employer, ReviewCycleCatalogue.Xishan2023)),
            Intake.Portal.PostAsJsonAsync("/api/applications", Application("竞速乙", employer, OtherCycle)),
            Intake.Portal.PostAsJsonAsync("/api/applications", Application("竞速丙", employer, ReviewCycleCatalogue.Xishan2023)));

        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.UnprocessableEntity).ToList();
        var unexpected = answers.Where(a => a.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity)).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", await Task.WhenAll(unexpected.Select(async a => $"{(int)a.StatusCode} {await a.Content.ReadAsStringAsync()}"))));
        Assert.NotEmpty(created);
        Assert.NotEmpty(refused);
        var bodies = await Task.WhenAll(created.Select(c => c.Content.ReadFromJsonAsync<JsonElement>()));
        var cycles = new HashSet<string>();
        foreach (var body in bodies)
        {
            var status = await Intake.Portal.GetFromJsonAsync<JsonElement>($"/api/applications/{body.GetProperty("id").GetGuid()}");
            cycles.Add(status.GetProperty("applicantName").GetString() == "竞速乙" ? OtherCycle : ReviewCycleCatalogue.Xishan2023);
        }

        Assert.Single(cycles);
    }
}
