using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Certificate.IntegrationTests;

/// <summary>The certificate PDF, the printable application form, public verification and revocation.</summary>
[Collection(CertificateLedgerCollection.Name)]
public sealed class CertificateDocumentTests(CertificateLedgerFixture ledger)
{
    private const string Holder = "周证书";

    [Fact]
    public async Task The_certificate_PDF_holds_real_Chinese_text_and_a_QR_code_to_the_verification_page()
    {
        var (_, certificate) = await IssuedAsync(Holder, submittedBy: "dev-portal");
        var number = certificate.GetProperty("number").GetString()!;
        var code = certificate.GetProperty("verificationCode").GetString()!;

        using var portal = ledger.Client(Roles.Portal);
        using var response = await portal.GetAsync($"/api/certificates/{number}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();

        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("专业技术资格证书", text);
        Assert.Contains(Holder, text);
        Assert.Contains("工程师", text);
        Assert.Contains("无锡市锡山区工程技术中级专业技术资格评审委员会", text);
        Assert.Contains(number, text);
        Assert.Contains(code, text);
        var url = await PdfTools.QrCodeAsync(pdf);
        Assert.Equal($"{ledger.Address.ToString().TrimEnd('/')}/certificates/verify?number={number}&code={code}", url);
        using var followed = await ledger.Client().GetAsync(url);
        Assert.Contains("证书有效", await followed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_certificate_PDF_carries_the_committees_signature_and_one_changed_byte_breaks_it()
    {
        var (_, certificate) = await IssuedAsync("秦签名", submittedBy: "dev-portal");
        var number = certificate.GetProperty("number").GetString()!;
        using var portal = ledger.Client(Roles.Portal);
        var pdf = await portal.GetByteArrayAsync($"/api/certificates/{number}/pdf");

        var report = await PdfTools.SignaturesAsync(pdf);
        Assert.Contains("Signature Type: adbe.pkcs7.detached", report);
        Assert.Contains("Signing Hash Algorithm: SHA-256", report);
        Assert.Contains("Signer full Distinguished Name: CN=TitleReview DEVELOPMENT signing certificate - not for production", report);
        Assert.Contains("Total document signed", report);
        Assert.Contains("Signature Validation: Signature is Valid.", report);
        // No certificate is configured in Development: the page itself says its signature proves nothing.
        Assert.Contains("开发环境签名", await PdfTools.TextAsync(pdf));

        // One letter of the document information (Creator), inside the signed bytes, changed from T to t.
        var at = pdf.AsSpan().IndexOf("(TitleReview)"u8) + 1;
        Assert.True(at > 0, "the PDF names its creator");
        Assert.Contains(PdfTools.SignedRanges(report), range => at >= range.From && at < range.To);
        var tampered = pdf.ToArray();
        tampered[at] ^= 0x20;
        var broken = await PdfTools.SignaturesAsync(tampered);
        Assert.DoesNotContain("Signature is Valid.", broken);
        Assert.Matches("Signature Validation: (Signature is Invalid|Digest Mismatch)", broken);
    }

    [Fact]
    public async Task The_application_form_has_the_places_for_the_units_seal_and_the_applicants_signature()
    {
        var (_, certificate) = await IssuedAsync("吴申报表");
        var number = certificate.GetProperty("number").GetString()!;

        using var secretary = ledger.Client(Roles.CommitteeSecretary);
        var pdf = await secretary.GetByteArrayAsync($"/api/certificates/{number}/application-form");
        var text = await PdfTools.TextAsync(pdf);

        Assert.Contains("专业技术资格评审申报表", text);
        Assert.Contains("吴申报表", text);
        Assert.Contains("无锡某机械有限公司", text);
        Assert.Contains("单位审核意见", text);
        Assert.Contains("单位盖章", text);
        Assert.Contains("本人签字", text);
        Assert.Contains(number, text);
        Assert.Contains("Signature Validation: Signature is Valid.", await PdfTools.SignaturesAsync(pdf));
    }

    [Fact]
    public async Task A_portal_client_cannot_print_another_clients_certificate()
    {
        var (_, certificate) = await IssuedAsync("郑他人", submittedBy: "another-portal");
        var number = certificate.GetProperty("number").GetString()!;

        using var portal = ledger.Client(Roles.Portal);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/api/certificates/{number}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/api/certificates/{number}/application-form")).StatusCode);
        using var reviewer = ledger.Client(Roles.Reviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/api/certificates/{number}/pdf")).StatusCode);
        using var anonymous = ledger.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/certificates/{number}/pdf")).StatusCode);
    }

    [Fact]
    public async Task A_portal_client_reads_the_certificate_record_only_of_an_application_it_submitted()
    {
        var (mine, certificate) = await IssuedAsync("钱本人", submittedBy: "dev-portal");
        var (theirs, _) = await IssuedAsync("孙他人", submittedBy: "dev-portal-b");

        using var portal = ledger.Client(Roles.Portal);
        using (var own = await portal.GetAsync($"/api/certificates/by-application/{mine}"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(certificate.GetProperty("number").GetString(), (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString());
        }

        using (var other = await portal.GetAsync($"/api/certificates/by-application/{theirs}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.DoesNotContain("verificationCode", await other.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        using var second = ledger.Client().AsSecondPortal();
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/api/certificates/by-application/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/api/certificates/by-application/{theirs}")).StatusCode);
        foreach (var role in new[] { Roles.CommitteeSecretary, Roles.Auditor, Roles.Admin })
        {
            using var backOffice = ledger.Client(role);
            Assert.Equal(HttpStatusCode.OK, (await backOffice.GetAsync($"/api/certificates/by-application/{theirs}")).StatusCode);
        }

        using var reviewer = ledger.Client(Roles.Reviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/api/certificates/by-application/{mine}")).StatusCode);
    }

    [Fact]
    public async Task Verification_answers_valid_then_revoked_and_reveals_only_what_the_certificate_states()
    {
        var (_, certificate) = await IssuedAsync("冯查验");
        var number = certificate.GetProperty("number").GetString()!;
        using var anyone = ledger.Client();

        var byName = await VerifyAsync(anyone, $"number={number}&name={Uri.EscapeDataString("冯查验")}");
        Assert.Equal("Valid", byName.GetProperty("result").GetString());
        Assert.Equal("工程师", byName.GetProperty("certificate").GetProperty("title").GetString());
        Assert.DoesNotContain("idNumber", byName.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("employer", byName.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var byCode = await VerifyAsync(anyone, $"number={number}&code={certificate.GetProperty("verificationCode").GetString()}");
        Assert.Equal("Valid", byCode.GetProperty("result").GetString());
        var wrongName = await VerifyAsync(anyone, $"number={number}&name={Uri.EscapeDataString("别人")}");
        Assert.Equal("NotFound", wrongName.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.Null, wrongName.GetProperty("certificate").ValueKind);
        Assert.Equal("NotFound", (await VerifyAsync(anyone, $"number=XSGC-2023-Z-99998&name={Uri.EscapeDataString("冯查验")}")).GetProperty("result").GetString());

        using var revoked = await RevokeAsync(Roles.Admin, number, "%PDF-1.4 撤销决定书"u8.ToArray(), "决定书.pdf");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var after = await VerifyAsync(anyone, $"number={number}&name={Uri.EscapeDataString("冯查验")}");
        Assert.Equal("Revoked", after.GetProperty("result").GetString());
        Assert.Equal("2023-06-01", after.GetProperty("certificate").GetProperty("revokedOn").GetString());
        Assert.Contains("已于 2023-06-01 撤销", after.GetProperty("resultChinese").GetString());
        var stored = await ledger.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where type = 'certificate_revoked' and data->>'CertificateNumber' = @n and length(data->>'EvidenceSha256') = 64 and headers->>'user-id' = 'dev-admin'", ("n", number));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task Revocation_needs_an_admin_a_reason_and_evidence_that_is_really_a_PDF_or_image()
    {
        var (_, certificate) = await IssuedAsync("陈撤销");
        var number = certificate.GetProperty("number").GetString()!;

        using (var reviewer = await RevokeAsync(Roles.Reviewer, number, "%PDF-1.4"u8.ToArray(), "a.pdf"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
        }

        using (var disguised = await RevokeAsync(Roles.Admin, number, Encoding.UTF8.GetBytes("<html>not a pdf</html>"), "evidence.pdf"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
            Assert.Contains("PDF", await disguised.Content.ReadAsStringAsync());
        }

        using (var noReason = await RevokeAsync(Roles.Admin, number, "%PDF-1.4"u8.ToArray(), "a.pdf", reason: ""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        Assert.Equal(0, await ledger.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where type = 'certificate_revoked' and data->>'CertificateNumber' = @n", ("n", number)));
        using (var first = await RevokeAsync(Roles.Admin, number, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], "scan.png"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var again = await RevokeAsync(Roles.Admin, number, "%PDF-1.4"u8.ToArray(), "a.pdf");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task The_verification_page_in_a_browser_shows_the_certificate_and_then_its_revocation()
    {
        var (_, certificate) = await IssuedAsync("褚浏览");
        var number = certificate.GetProperty("number").GetString()!;

        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1000, Height = 800 } });
            await page.GotoAsync(new Uri(ledger.Address, "/certificates/verify").ToString());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("职称证书查询");
            await page.FillAsync("#number", number);
            await page.FillAsync("#name", "褚浏览");
            await page.ClickAsync("button[type=submit]");
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("证书有效");
            await Assertions.Expect(page.Locator("td", new PageLocatorOptions { HasText = "工程师" }).First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("certificate-verification-valid.png"), FullPage = true });

            using (var revoked = await RevokeAsync(Roles.Admin, number, "%PDF-1.7"u8.ToArray(), "d.pdf"))
            {
                Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
            }

            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("撤销");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("certificate-verification-revoked.png"), FullPage = true });
        }
    }

    private async Task<(Guid Id, JsonElement Certificate)> IssuedAsync(string name, string submittedBy = LedgerForger.DefaultUser)
    {
        var id = await ledger.Forger.AppendAsync(id => CleanHistory.Build(id, name, submittedBy: submittedBy).Take(8));
        await ledger.DecideAsync(id);
        using var secretary = ledger.Client(Roles.CommitteeSecretary);
        return (id, await secretary.GetFromJsonAsync<JsonElement>($"/api/certificates/by-application/{id}"));
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/certificates/verification?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> RevokeAsync(string role, string number, byte[] evidence, string fileName, string reason = "业绩材料造假，经核查属实")
    {
        using var client = ledger.Client(role);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(reason), "reason");
        var file = new ByteArrayContent(evidence);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "evidence", fileName);
        return await client.PostAsync($"/api/certificates/{number}/revocation", form);
    }
}
