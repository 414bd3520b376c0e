using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.SystemTests;

/// <summary>
/// What other services show of Publicity's decisions. Publicity's own behaviour is in
/// Publicity.IntegrationTests (PublicityTests, PublicityJobTests); here only what crosses services stays.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PublicityJourneyTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    /// <summary>The Intake half of PublicityTests.An_upheld_objection_refuses_the_application_with_the_reason.</summary>
    [Fact]
    public async Task An_upheld_objection_shows_in_the_applicants_status_as_refused()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.ApprovedAndPublishedAsync("公示丙");
        using var anonymous = system.NewPublicityClient();
        using var lodged = await anonymous.PostAsJsonAsync("/api/publicity/objections",
            new { applicationId = id, summary = "该申报人的业绩材料与实际情况不符。", contactName = "王先生", contact = "0510-88888888" });
        Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
        var objection = (await lodged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var upheld = await system.PublicityApi.PostAsJsonAsync($"/api/publicity/objections/{objection}/resolution", new { upheld = true, reason = "业绩材料系伪造。" });
        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);

        var refused = await journey.StatusBecomesAsync(id, "ObjectionUpheld");
        Assert.Equal("公示异议成立，不予通过", refused.GetProperty("statusText").GetProperty("zh").GetString());
    }
}
