using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.BrowserTests;

/// <summary>The printed 评审申报表 of a complete application carries a summary of its modules (text extracted again from the PDF).</summary>
[Collection(SystemCollection.Name)]
public sealed class ApplicationFormDossierTests(SystemFixture system)
{
    [Fact]
    public async Task The_application_form_summarises_the_submitted_modules()
    {
        var journey = new Journey(system);
        var (id, _) = await journey.SubmitCompleteAsync($"申报表{Guid.NewGuid().ToString("N")[..4]}");

        var (_, number) = await journey.CertifiedAsync(id);

        using var secretary = new HttpClient { BaseAddress = system.CertificateAddress }.As(Roles.CommitteeSecretary);
        var pdf = await secretary.GetByteArrayAsync($"/api/certificates/{number}/application-form");
        await File.WriteAllBytesAsync(Browser.ScreenshotPath("application-form-with-dossier.pdf"), pdf);
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("专业技术资格评审申报表", text, StringComparison.Ordinal);
        Assert.Contains("申报材料摘要", text, StringComparison.Ordinal);
        Assert.Contains("江南大学", text, StringComparison.Ordinal);
        Assert.Contains("《关于数控机床主轴箱改进设计的技术总结报告》", text, StringComparison.Ordinal);
        Assert.Contains("机械设计与制造工艺", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0510-88000000", text, StringComparison.Ordinal);
    }
}
