using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>The admin's imports: the province's integrity findings (四(三)3) and last cycle's refused materials (四(四)).</summary>
[Collection(IntakeCollection.Name)]
public sealed class IntegrityImportTests(IntakeFixture intake) : IntakeTest(intake)
{
    private HttpClient Admin() => Intake.Client().As(Roles.Admin);

    private static object Application(string name, string idNumber) => new
    {
        schemaVersion = 1, cycleId = "xishan-engineering-2023", applicantName = name, idNumber,
        employer = "无锡某机械有限公司", series = "工程技术", specialty = "机械工程", level = "Engineer",
    };

    [Fact]
    public async Task An_imported_misconduct_finding_refuses_for_three_years_and_importing_twice_changes_nothing()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var recent = IntakeSteps.NewIdNumber();
        var expired = IntakeSteps.NewIdNumber();
        using var admin = Admin();
        var import = new
        {
            source = "江苏省专业技术人员职称申报评审诚信档案库",
            records = new[]
            {
                new { idNumber = recent, finding = "学术不端（论文抄袭）", recordedOn = "2022-09-01" },
                new { idNumber = expired, finding = "学术不端（论文抄袭）", recordedOn = "2020-05-31" },
            },
        };

        using (var first = await admin.PostAsJsonAsync("/api/integrity-register/imports", import))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetInt32());
        }

        using (var again = await admin.PostAsJsonAsync("/api/integrity-register/imports", import))
        {
            Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetInt32());
        }

        using var refused = await Intake.Portal.PostAsJsonAsync("/api/applications", Application("诚信甲", recent));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("integrity-register", "四(三)3"), (problem.GetProperty("rule").GetString(), problem.GetProperty("clause").GetString()));
        // Neutral: the finding and its dates are the register's, not the portal's to read (issue #12).
        var zh = problem.GetProperty("violations")[0].GetProperty("zh").GetString();
        Assert.Contains("诚信档案", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("学术不端", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("2025年9月1日", zh, StringComparison.Ordinal);

        // Recorded 2020-05-31: the three years ended on 2023-05-31, the day before the application.
        using var accepted = await Intake.Portal.PostAsJsonAsync("/api/applications", Application("诚信乙", expired));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task A_bad_line_refuses_the_whole_import()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var good = IntakeSteps.NewIdNumber();
        using var admin = Admin();
        using var response = await admin.PostAsJsonAsync("/api/integrity-register/imports", new
        {
            source = "诚信档案库",
            records = new object[]
            {
                new { idNumber = good, finding = "弄虚作假", recordedOn = "2023-01-01" },
                new { idNumber = "320200199001011234", finding = "弄虚作假", recordedOn = "2023-01-01" },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("records[1].idNumber", out _));
        using var accepted = await Intake.Portal.PostAsJsonAsync("/api/applications", Application("整批拒绝", good));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Outputs_identical_to_last_years_refused_application_are_refused_by_content_hash()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var person = IntakeSteps.NewIdNumber();
        var files = await TestFiles.UploadExampleAsync(Intake.Portal, "去年材料");
        async Task<string> HashAsync(Guid id)
        {
            using var download = await Intake.Portal.GetAsync($"/api/attachments/{id}");
            return download.Headers.GetValues("X-Attachment-Sha256").Single();
        }

        using var admin = Admin();
        using (var imported = await admin.PostAsJsonAsync("/api/refused-materials/imports",
            new { year = 2022, records = new[] { new { idNumber = person, sha256 = new[] { await HashAsync(files.Report), await HashAsync(files.Paper) } } } }))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        var request = ExampleApplication.Create(IntakeSteps.InsideWindowDay, files, person, "原封不动");
        using var refused = await Intake.Portal.PostAsJsonAsync("/api/applications", request, IntakeSteps.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("identical-to-refused", "四(四)"), (problem.GetProperty("rule").GetString(), problem.GetProperty("clause").GetString()));

        // Reworked: a new report makes it acceptable.
        var reworked = await TestFiles.UploadedIdAsync(Intake.Portal, TestFiles.Docx("重新整理的技术总结报告"), "技术总结报告.docx");
        var outputs = request.Dossier!.AcademicOutputs!;
        using var accepted = await Intake.Portal.PostAsJsonAsync("/api/applications",
            request with { Dossier = request.Dossier with { AcademicOutputs = [outputs[0] with { DocumentId = reworked }, outputs[1]] } }, IntakeSteps.Json);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }
}
