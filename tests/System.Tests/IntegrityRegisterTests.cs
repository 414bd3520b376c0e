using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Testing;

namespace TitleReview.SystemTests;

/// <summary>Notice 四(三)3: a revoked certificate puts its holder in Intake's integrity register for 3 years.</summary>
[Collection(SystemCollection.Name)]
public sealed class IntegrityRegisterTests(SystemFixture system)
{
    private const string IdNumber = "320200198505050014";

    [Fact]
    public async Task After_a_revocation_Intake_refuses_the_holder_for_three_years_and_nobody_else()
    {
        var journey = new Journey(system);
        var (_, number) = await journey.CertifiedAsync("蒋诚信", IdNumber);

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
            return await query.LoadAsync<IntegrityRecord>(IdNumber);
        }, r => r is not null, TimeSpan.FromSeconds(60), "Intake to record the revoked holder");
        Assert.Equal(revokedOn.AddYears(3), record!.Until);
        Assert.Equal(number, record.CertificateNumber);

        using var refused = await system.IntakeApi.PostAsJsonAsync("/api/applications", Journey.Application("蒋诚信", idNumber: IdNumber));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("integrity-register", problem.GetProperty("rule").GetString());
        Assert.Equal("四(三)3", problem.GetProperty("clause").GetString());
        Assert.Contains("三年", problem.GetProperty("detail").GetString());

        using var someoneElse = await system.IntakeApi.PostAsJsonAsync("/api/applications", Journey.Application("蒋他人", idNumber: "320200198505050022"));
        Assert.Equal(HttpStatusCode.Created, someoneElse.StatusCode);
    }

    [Fact]
    public void The_register_refuses_until_the_day_three_years_after_the_revocation()
    {
        var record = new IntegrityRecord { Id = IdNumber, RecordedOn = new DateOnly(2023, 6, 8), Until = new DateOnly(2023, 6, 8).AddYears(IntegrityRecord.Years) };

        Assert.True(record.Refuses(new DateOnly(2023, 6, 8)));
        Assert.True(record.Refuses(new DateOnly(2026, 6, 7)));
        Assert.False(record.Refuses(new DateOnly(2026, 6, 8)));
    }
}
