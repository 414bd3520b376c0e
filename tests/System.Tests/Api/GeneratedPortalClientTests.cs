using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using TitleReview.SystemTests.Api.PortalClient;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.SystemTests.Api;

/// <summary>
/// A portal built from Intake's OpenAPI document alone works: the C# client Kiota generates from it (committed in
/// Api/PortalClient, compiled with these tests) uploads the example files and submits the documented example, end to
/// end. A second test regenerates the client from the live document and fails when it differs from the committed
/// one, so a document change that would break generated clients cannot pass unnoticed.
/// Regenerate with: TITLEREVIEW_UPDATE_PORTAL_CLIENT=1 dotnet test --filter GeneratedPortalClientTests.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GeneratedPortalClientTests(SystemFixture system)
{
    [Fact]
    public async Task The_generated_client_uploads_the_files_and_submits_the_documented_example()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        using var http = system.NewIntakeClient().As(Roles.Portal);
        var client = new PortalApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = system.IntakeAddress.ToString().TrimEnd('/') });

        async Task<Guid> UploadAsync(byte[] content, string mediaType, string fileName)
        {
            var body = new Microsoft.Kiota.Abstractions.MultipartBody();
            body.AddOrReplacePart("file", mediaType, content, fileName);
            var uploaded = await client.Api.Attachments.PostAsync(body);
            return uploaded!.Id!.Value;
        }

        const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        var placeholders = ExampleAttachments.Placeholders;
        var example = (await ApiServices.Find(system, "intake").DocumentAsync())
            .GetProperty("paths").GetProperty("/api/applications").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText()
            .Replace(placeholders.Photo.ToString(), (await UploadAsync(TestFiles.Jpeg(), "image/jpeg", "照片.jpg")).ToString(), StringComparison.Ordinal)
            .Replace(placeholders.Evidence.ToString(), (await UploadAsync(TestFiles.Pdf("kiota"), "application/pdf", "证明材料.pdf")).ToString(), StringComparison.Ordinal)
            .Replace(placeholders.WorkSummary.ToString(), (await UploadAsync(TestFiles.Docx($"工作总结 {Guid.NewGuid()}"), Docx, "工作总结.docx")).ToString(), StringComparison.Ordinal)
            .Replace(placeholders.Report.ToString(), (await UploadAsync(TestFiles.Docx($"技术总结报告 {Guid.NewGuid()}"), Docx, "技术总结报告.docx")).ToString(), StringComparison.Ordinal)
            .Replace(placeholders.Paper.ToString(), (await UploadAsync(TestFiles.Docx($"论文 {Guid.NewGuid()}"), Docx, "论文.docx")).ToString(), StringComparison.Ordinal)
            .Replace("32020219850615001X", Journey.NewIdNumber(), StringComparison.Ordinal);

        // The example read into the generated model and written back by it: fields the model does not know are lost.
        var application = await KiotaJsonSerializer.DeserializeAsync(example, PortalClient.Models.SubmitApplicationRequest.CreateFromDiscriminatorValue);
        Assert.NotNull(application);
        Assert.Empty(application.AdditionalData);
        var submitted = await client.Api.Applications.PostAsync(application);
        Assert.Equal("Submitted", submitted!.Status);

        var status = await client.Api.Applications[submitted.Id!.Value].GetAsync();
        Assert.Equal(submitted.Id, status!.Id);
        Assert.NotNull(status.Status);
    }

    [Fact]
    public async Task The_committed_client_is_the_one_the_live_document_generates()
    {
        var root = ApiServices.RepositoryRoot();
        var committed = Path.Combine(root, "tests", "System.Tests", "Api", "PortalClient");
        var document = JsonNode.Parse((await ApiServices.Find(system, "intake").DocumentAsync()).GetRawText())!.AsObject();
        document.Remove("servers"); // the test port, not part of the contract
        var work = Directory.CreateTempSubdirectory("portal-client-");
        try
        {
            var description = Path.Combine(work.FullName, "intake.json");
            await File.WriteAllTextAsync(description, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            var output = Environment.GetEnvironmentVariable("TITLEREVIEW_UPDATE_PORTAL_CLIENT") == "1" ? committed : Path.Combine(work.FullName, "client");
            await KiotaAsync(root, description, output);

            if (output == committed)
            {
                return;
            }

            var expected = Files(committed);
            var actual = Files(output);
            var changed = expected.Keys.Union(actual.Keys)
                .Where(file => !expected.TryGetValue(file, out var a) || !actual.TryGetValue(file, out var b) || a != b)
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.True(changed.Count == 0,
                "Intake's OpenAPI document no longer generates the committed portal client; generated clients would change in: " + string.Join(", ", changed.Take(20))
                + ". If the change is intended, regenerate with TITLEREVIEW_UPDATE_PORTAL_CLIENT=1.");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(directory, file).Replace('\\', '/'), file => File.ReadAllText(file).ReplaceLineEndings("\n"));

    /// <summary>kiota from the repository's tool manifest (dotnet tool restore), offline.</summary>
    private static async Task KiotaAsync(string root, string description, string output)
    {
        var start = new ProcessStartInfo("dotnet",
            ["tool", "run", "kiota", "generate", "-l", "CSharp", "-d", description, "-c", "PortalApiClient", "-n", "TitleReview.SystemTests.Api.PortalClient",
             "-o", output, "--exclude-backward-compatible", "--clean-output", "--log-level", "Error"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        using var kiota = Process.Start(start)!;
        var stdout = kiota.StandardOutput.ReadToEndAsync();
        var stderr = kiota.StandardError.ReadToEndAsync();
        await kiota.WaitForExitAsync();
        Assert.True(kiota.ExitCode == 0, $"kiota failed (run 'dotnet tool restore' first): {await stdout} {await stderr}");
        File.Delete(Path.Combine(output, "kiota-lock.json"));
    }
}
