using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Contracts.Events;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>Notice 四(三)3: a revoked certificate puts its holder in Intake's integrity register for 3 years.</summary>
[Collection(IntakeCollection.Name)]
public sealed class IntegrityRegisterTests(IntakeFixture intake) : IntakeTest(intake)
{
    [Fact]
    public async Task After_a_revocation_Intake_refuses_the_holder_for_three_years_and_nobody_else()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var idNumber = IntakeSteps.NewIdNumber();
        var id = await Steps.SubmitAsync("蒋诚信", idNumber);

        // Certificate revokes the holder's certificate and its relay publishes the revocation.
        const string number = "XSGC-2023-Z-99998";
        var revokedAt = IntakeSteps.InsideWindow;
        await Intake.PublishAsync(new CertificateRevoked(id, number, "申报业绩系伪造，经查属实", revokedAt), "RecordRevokedHolder");
        var revokedOn = TitleReview.Domain.WorkingDays.ChinaTime.DateOfInstant(revokedAt);

        IntegrityRecord? record;
        await using (var query = Intake.Host.Services.GetRequiredService<LedgerSessions>().Query())
        {
            record = await query.LoadAsync<IntegrityRecord>(idNumber);
        }

        Assert.NotNull(record);
        Assert.Equal(revokedOn.AddYears(3), record!.Until);
        Assert.Equal(number, record.CertificateNumber);

        using var refused = await Intake.Portal.PostAsJsonAsync("/api/applications", IntakeSteps.Application("蒋诚信", idNumber: idNumber));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("integrity-register", problem.GetProperty("rule").GetString());
        Assert.Equal("四(三)3", problem.GetProperty("clause").GetString());
        Assert.Contains("三年", problem.GetProperty("detail").GetString());

        using var someoneElse = await Intake.Portal.PostAsJsonAsync("/api/applications", IntakeSteps.Application("蒋他人", idNumber: IntakeSteps.NewIdNumber()));
        Assert.Equal(HttpStatusCode.Created, someoneElse.StatusCode);
    }

    [Fact]
    public void The_register_refuses_until_the_day_three_years_after_the_revocation()
    {
        var record = new IntegrityRecord { Id = IntakeSteps.NewIdNumber(), RecordedOn = new DateOnly(2023, 6, 8), Until = new DateOnly(2023, 6, 8).AddYears(IntegrityRecord.Years) };

        Assert.True(record.Refuses(new DateOnly(2023, 6, 8)));
        Assert.True(record.Refuses(new DateOnly(2026, 6, 7)));
        Assert.False(record.Refuses(new DateOnly(2026, 6, 8)));
    }
}
