using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>The OpenAPI document and Scalar page are public, and the example they show is accepted as it stands once its files are uploaded.</summary>
[Collection(IntakeCollection.Name)]
public sealed class PortalApiDocumentationTests(IntakeFixture intake) : IntakeTest(intake)
{
    [Fact]
    public async Task The_documented_example_application_is_accepted_once_its_attachments_are_uploaded()
    {
        using var anonymous = Intake.Client();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/attachments", out _));
        var submit = document.GetProperty("paths").GetProperty("/api/applications").GetProperty("post");
        var example = submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();
        Assert.Contains("《关于数控机床主轴箱改进设计的技术总结报告》", JsonSerializer.Deserialize<JsonElement>(example).GetRawText(), StringComparison.Ordinal);

        // Upload the files the example names and put their ids where the placeholders are, as a portal developer would.
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var uploaded = await TestFiles.UploadExampleAsync(Intake.Portal, "文档示例");
        var placeholders = ExampleAttachments.Placeholders;
        var body = example
            .Replace(placeholders.Photo.ToString(), uploaded.Photo.ToString(), StringComparison.Ordinal)
            .Replace(placeholders.Evidence.ToString(), uploaded.Evidence.ToString(), StringComparison.Ordinal)
            .Replace(placeholders.WorkSummary.ToString(), uploaded.WorkSummary.ToString(), StringComparison.Ordinal)
            .Replace(placeholders.Report.ToString(), uploaded.Report.ToString(), StringComparison.Ordinal)
            .Replace(placeholders.Paper.ToString(), uploaded.Paper.ToString(), StringComparison.Ordinal)
            .Replace("32020219850615001X", IntakeSteps.NewIdNumber(), StringComparison.Ordinal);

        using var response = await Intake.Portal.PostAsync("/api/applications", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        using var scalar = await anonymous.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("TitleReview 门户 API", await scalar.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
