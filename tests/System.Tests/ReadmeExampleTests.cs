using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using TitleReview.Intake.Features.ApiDocumentation;

namespace TitleReview.SystemTests;

/// <summary>The README's curl example (deploy/examples/submit-example.sh) run as written against a real Intake.</summary>
[Collection(SystemCollection.Name)]
public sealed class ReadmeExampleTests(SystemFixture system)
{
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TitleReview.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TitleReview.sln not found above the test binaries.");
    }

    [Fact]
    public async Task The_curl_example_uploads_the_files_and_submits_the_complete_application()
    {
        var examples = Path.Combine(RepositoryRoot(), "deploy", "examples");

        // The example body in the repository is the one the API documentation shows (and the rule tests pass).
        var expected = PortalApiDocumentation.ExampleJson();
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(examples, "application-v2.json")));
        if (!JsonNode.DeepEquals(committed, expected))
        {
            await File.WriteAllTextAsync(Browser.ScreenshotPath("application-v2.expected.json"), expected.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            Assert.Fail("deploy/examples/application-v2.json differs from ExampleApplication; the expected file is beside the screenshots.");
        }

        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var start = new ProcessStartInfo("bash", [Path.Combine(examples, "submit-example.sh")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["INTAKE_URL"] = system.IntakeAddress.ToString().TrimEnd('/');
        start.Environment["ID_NUMBER"] = Journey.NewIdNumber();
        using var script = Process.Start(start)!;
        var output = await script.StandardOutput.ReadToEndAsync();
        var errors = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();

        Assert.True(script.ExitCode == 0, $"{output}\n{errors}");
        var answer = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Submitted", answer.GetProperty("status").GetString());
        using var status = await system.IntakeApi.GetAsync($"/api/applications/{answer.GetProperty("id").GetGuid()}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);
    }
}
