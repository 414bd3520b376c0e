using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TitleReview.Intake.Features.SubmitApplication;

namespace TitleReview.SystemTesting;

/// <summary>Small real files of each kind the portal uploads, and the bad ones it must be refused.</summary>
public static class TestFiles
{
    /// <summary>A 1×1 baseline JPEG.</summary>
    public static byte[] Jpeg() => Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////" +
        "wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAA//EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AN//Z");

    public static byte[] Pdf(string text = "evidence") => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {text} {Guid.NewGuid()}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A DOCX: a zip with [Content_Types].xml and word/document.xml; <paramref name="text"/> makes its hash its own.</summary>
    public static byte[] Docx(string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Write(zip, "word/document.xml", $"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>");
        }

        return buffer.ToArray();
    }

    /// <summary>An OLE compound file holding a WordDocument stream name, as a .doc does.</summary>
    public static byte[] Doc()
    {
        var content = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(content, 0);
        Encoding.Unicode.GetBytes("WordDocument").CopyTo(content, 1024);
        return content;
    }

    /// <summary>A DOCX whose document.xml inflates to <paramref name="megabytes"/> MB of zeros from a few hundred KB.</summary>
    public static byte[] ZipBombDocx(int megabytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<Types/>");
            using var stream = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++)
            {
                stream.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string declaredType = "application/octet-stream")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        form.Add(file, "file", fileName);
        return await client.PostAsync("/api/attachments", form);
    }

    public static async Task<Guid> UploadedIdAsync(HttpClient client, byte[] content, string fileName)
    {
        using var response = await UploadAsync(client, content, fileName);
        Assert.True(response.IsSuccessStatusCode, $"Upload of {fileName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Uploads the files a complete example application names, as the portal would, each with its own content.</summary>
    public static async Task<ExampleAttachments> UploadExampleAsync(HttpClient client, string tag = "") => new(
        await UploadedIdAsync(client, Jpeg(), "照片.jpg"),
        await UploadedIdAsync(client, Pdf(tag), "证明材料.pdf"),
        await UploadedIdAsync(client, Docx($"工作总结 {tag} {Guid.NewGuid()}"), "工作总结.docx"),
        await UploadedIdAsync(client, Docx($"技术总结报告 {tag} {Guid.NewGuid()}"), "技术总结报告.docx"),
        await UploadedIdAsync(client, Docx($"论文 {tag} {Guid.NewGuid()}"), "论文.docx"));
}
