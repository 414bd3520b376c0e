using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace TitleReview.SystemTests.Api;

/// <summary>
/// Every service's OpenAPI document lints with no error under Spectral's spectral:oas ruleset (warnings are listed).
/// Spectral is pinned in tests/contract/package.json and installed by 'npm ci' (deploy/local/test.sh does it).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiLintTests(SystemFixture system, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ApiServices.Theory), MemberType = typeof(ApiServices))]
    public async Task The_document_lints_without_errors_under_spectral_oas(string name)
    {
        var contract = Path.Combine(ApiServices.RepositoryRoot(), "tests", "contract");
        var spectral = Path.Combine(contract, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"Spectral is not installed: run 'npm ci' in {contract} (deploy/local/test.sh does; it needs Node.js and npm).");

        var document = await ApiServices.Find(system, name).DocumentAsync();
        var file = Path.Combine(ApiServices.ResultsDirectory("openapi"), $"{name}.json");
        await File.WriteAllTextAsync(file, document.GetRawText());

        var start = new ProcessStartInfo(spectral, ["lint", "--ruleset", Path.Combine(contract, ".spectral.yaml"), "--format", "json", "--quiet", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contract,
        };
        using var lint = Process.Start(start)!;
        var stdout = lint.StandardOutput.ReadToEndAsync();
        var stderr = lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();
        var text = await stdout;

        // Spectral prints "No results with a severity of 'error' found!" instead of [] when the document is clean.
        var findings = text.TrimStart().StartsWith('[') ? JsonDocument.Parse(text).RootElement.EnumerateArray().ToList() : [];
        foreach (var finding in findings)
        {
            output.WriteLine($"{Severity(finding)} {finding.GetProperty("code")} {string.Join('.', finding.GetProperty("path").EnumerateArray())}: {finding.GetProperty("message")}");
        }

        var errors = findings.Where(f => f.GetProperty("severity").GetInt32() == 0).ToList();
        Assert.True(errors.Count == 0 && lint.ExitCode == 0, $"{name}: {errors.Count} Spectral errors (exit {lint.ExitCode}); see the test output. {await stderr}");
    }

    private static string Severity(JsonElement finding) => finding.GetProperty("severity").GetInt32() switch
    {
        0 => "error",
        1 => "warning",
        2 => "info",
        _ => "hint",
    };
}
