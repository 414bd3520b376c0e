using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.EventStore;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.SystemTests;

/// <summary>
/// What another service's act changes in Intake, or Intake's act in another service, through the real relays: the
/// cross-service halves of tests whose Intake behaviour is checked in Intake.IntegrationTests on forged events.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IntakeAcrossServicesTests(SystemFixture system)
{
    /// <summary>From IntakeSubmissionTests.The_applicant_sees_the_open_revision_and_the_history_and_can_withdraw_once.</summary>
    [Fact]
    public async Task A_reviewers_revision_reaches_the_applicant_and_the_withdrawal_reaches_the_review_queue()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var journey = new Journey(system);
        var id = await journey.SubmitAsync("撤回人");
        await journey.WaitUntilQueuedForReviewAsync(id);
        (await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();
        using (var revision = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/revision", new { comments = new[] { new { module = "申报信息", comment = "专业名称请按目录填写" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, revision.StatusCode);
        }

        Assert.Equal("专业名称请按目录填写", (await journey.StatusAsync(id)).GetProperty("openRevision")[0].GetProperty("comment").GetString());
        using (var withdrawn = await system.IntakeApi.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "今年不再申报" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        await Eventually.ReturnsAsync<JsonElement?>(async () => await system.ReviewApi.GetFromJsonAsync<JsonElement>($"/api/review/queue/{id}"),
            item => item!.Value.GetProperty("status").GetString() == "Withdrawn", TimeSpan.FromSeconds(60), "the review queue to show the withdrawal");
    }

    /// <summary>From IntakeTrustTests.A_rejected_application_holds_the_year.</summary>
    [Fact]
    public async Task A_reviewers_rejection_reaches_the_applicants_status()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var journey = new Journey(system);
        var id = await journey.SubmitAsync("驳回占位");
        await journey.WaitUntilQueuedForReviewAsync(id);
        (await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();
        using (var rejected = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/rejection", new { reason = "业绩材料不实" }))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        await journey.StatusBecomesAsync(id, "Rejected");
    }

    /// <summary>From IntegrityRegisterTests.After_a_revocation_Intake_refuses_the_holder_for_three_years_and_nobody_else.</summary>
    [Fact]
    public async Task A_certificate_revoked_over_the_Certificate_API_puts_the_holder_in_Intakes_register()
    {
        var idNumber = Journey.NewIdNumber();
        var journey = new Journey(system);
        var (_, number) = await journey.CertifiedAsync("蒋诚信", idNumber);

        using var admin = system.NewCertificateClient().As(Roles.Admin);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("申报业绩系伪造，经查属实"), "reason");
        var evidence = new ByteArrayContent("%PDF-1.4 处理决定"u8.ToArray());
        evidence.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(evidence, "evidence", "处理决定.pdf");
        using var revoked = await admin.PostAsync($"/api/certificates/{number}/revocation", form);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var revokedOn = TitleReview.Domain.WorkingDays.ChinaTime.DateOfInstant((await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revokedAt").GetDateTimeOffset());

        var record = await Eventually.ReturnsAsync(async () =>
        {
            await using var query = system.Intake.Services.GetRequiredService<LedgerSessions>().Query();
            return await query.LoadAsync<IntegrityRecord>(idNumber);
        }, r => r is not null, TimeSpan.FromSeconds(60), "Intake to record the revoked holder");
        Assert.Equal(revokedOn.AddYears(3), record!.Until);
        Assert.Equal(number, record.CertificateNumber);

        using var refused = await system.IntakeApi.PostAsJsonAsync("/api/applications", Journey.Application("蒋诚信", idNumber: idNumber));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("integrity-register", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }
}
