using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.SystemTests;

/// <summary>The Audit service over histories the real services wrote: who did what is in the ledger, and it verifies clean.</summary>
[Collection(SystemCollection.Name)]
public sealed class AuditOfRealHistoryTests(SystemFixture system)
{
    [Fact]
    public async Task A_history_written_by_the_services_names_who_acted_and_breaks_no_rule()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var journey = new Journey(system);
        var id = await journey.SubmitAsync("赵审计");
        await journey.WaitUntilQueuedForReviewAsync(id);
        await journey.ApproveAsync(id);
        await journey.StatusBecomesAsync(id, "FinalApproved");

        var events = (await system.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/events")).EnumerateArray().ToList();
        var submitted = events[0];
        Assert.Equal("application_submitted", submitted.GetProperty("type").GetString());
        Assert.Equal("Intake", submitted.GetProperty("service").GetString());
        Assert.Equal("portal", submitted.GetProperty("role").GetString());
        Assert.Equal("dev-portal", submitted.GetProperty("userId").GetString());
        var approved = Assert.Single(events, e => e.GetProperty("type").GetString() == "final_approved");
        Assert.Equal("Review", approved.GetProperty("service").GetString());
        Assert.Equal("reviewer", approved.GetProperty("role").GetString());

        var report = await system.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/verification");
        Assert.Empty(report.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task An_auditor_finds_applications_by_id_number_through_Intake()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await new Journey(system).SubmitAsync("钱审计", "320200198808080018");

        var found = await Testing.Eventually.ReturnsAsync<JsonElement?>(
            async () => await system.AuditApi.GetFromJsonAsync<JsonElement>("/api/audit/applications?idNumber=320200198808080018&pageSize=200"),
            page => page!.Value.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == id),
            TimeSpan.FromSeconds(60), "the application to be found by its 身份证 number");

        Assert.All(found!.Value.GetProperty("items").EnumerateArray(), i => Assert.DoesNotContain("idNumber", i.GetRawText(), StringComparison.OrdinalIgnoreCase));
    }
}
