using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>POST /api/attachments decides the kind by content, keeps the bytes in PostgreSQL, and refuses what it must.</summary>
[Collection(IntakeCollection.Name)]
public sealed class AttachmentTests(IntakeFixture intake) : IntakeTest(intake)
{
    private Task<long> StoredCountAsync() => Intake.Infrastructure.ScalarAsync("select count(*) from intake.attachments");

    [Fact]
    public async Task Each_kind_is_recognised_by_content_whatever_its_name_and_comes_back_byte_for_byte()
    {
        foreach (var (content, name, kind) in new[]
        {
            (TestFiles.Jpeg(), "photo.png", "Jpeg"),
            (TestFiles.Pdf(), "scan.jpg", "Pdf"),
            (TestFiles.Docx("报告"), "report.pdf", "Docx"),
            (TestFiles.Doc(), "老格式.doc", "Doc"),
        })
        {
            using var response = await TestFiles.UploadAsync(Intake.Portal, content, name, "image/jpeg");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(kind, body.GetProperty("kind").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), body.GetProperty("sha256").GetString());

            using var download = await Intake.Portal.GetAsync($"/api/attachments/{body.GetProperty("id").GetGuid()}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task Empty_unknown_truncated_oversized_and_zip_bomb_files_are_refused_and_nothing_is_stored()
    {
        var before = await StoredCountAsync();
        var pdf = TestFiles.Pdf();
        var cases = new (byte[] Content, string Name, HttpStatusCode Status)[]
        {
            ([], "empty.pdf", HttpStatusCode.BadRequest),
            (Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "page.pdf", HttpStatusCode.UnsupportedMediaType),
            (pdf[..(pdf.Length - 8)], "cut.pdf", HttpStatusCode.UnsupportedMediaType),
            (TestFiles.ZipBombDocx(60), "bomb.docx", HttpStatusCode.UnsupportedMediaType),
            ([0xFF, 0xD8, 0xFF, .. new byte[3 * 1024 * 1024]], "huge.jpg", HttpStatusCode.RequestEntityTooLarge),
            ([.. "%PDF-1.4\n"u8, .. new byte[21 * 1024 * 1024], .. "%%EOF"u8], "huge.pdf", HttpStatusCode.RequestEntityTooLarge),
        };

        foreach (var (content, name, status) in cases)
        {
            using var response = await TestFiles.UploadAsync(Intake.Portal, content, name);
            Assert.True(status == response.StatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await response.Content.ReadAsStringAsync());
        }

        using var notMultipart = await Intake.Portal.PostAsync("/api/attachments", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
        Assert.Equal(before, await StoredCountAsync());
    }

    [Fact]
    public async Task A_pdf_renamed_jpg_is_refused_where_a_photo_is_asked_for()
    {
        Intake.SetBusinessTime(IntakeSteps.InsideWindow);
        var files = await TestFiles.UploadExampleAsync(Intake.Portal, "改名");
        var renamedPdf = await TestFiles.UploadedIdAsync(Intake.Portal, TestFiles.Pdf("photo"), "照片.jpg");
        var request = TitleReview.Intake.Features.SubmitApplication.ExampleApplication.Create(IntakeSteps.InsideWindowDay, files with { Photo = renamedPdf }, IntakeSteps.NewIdNumber(), "改名照片");

        using var response = await Intake.Portal.PostAsJsonAsync("/api/applications", request, IntakeSteps.Json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var violation = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("violations").EnumerateArray());
        Assert.Equal(("attachment-kinds", "dossier.basic.photoId"), (violation.GetProperty("rule").GetString(), violation.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Only_the_uploading_client_and_the_back_office_may_download()
    {
        var id = await TestFiles.UploadedIdAsync(Intake.Portal, TestFiles.Pdf("private"), "私有.pdf");
        using var other = Intake.Client().AsSecondPortal();
        using var reviewer = Intake.Client().As(TitleReview.ServiceDefaults.Identity.Roles.Reviewer);
        using var anonymous = Intake.Client();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/api/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/attachments/{id}")).StatusCode);
    }
}
