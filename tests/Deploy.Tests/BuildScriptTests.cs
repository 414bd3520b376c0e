using System.Diagnostics;
using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// deploy/containers/build.sh where no registry answers (this machine, CI): it says so in one line and exits 3, so a
/// release script can tell "offline" from "broken". The base registry is pointed at a loopback port nothing listens
/// on, so the outcome is the same on a machine that does reach mcr.microsoft.com.
/// </summary>
public class BuildScriptTests
{
    private static readonly string Script = Repository.PathOf("deploy", "containers", "build.sh");

    [Fact]
    public async Task An_unreachable_base_image_registry_is_one_line_and_exit_code_3()
    {
        var closed = $"127.0.0.1:{Ports.Free()}";
        var (exitCode, output, error) = await RunAsync("--base-registry", closed, "intake");
        Assert.True(exitCode == 3, $"exit code {exitCode}\n{error}\n{output}");
        Assert.Equal("", output);
        Assert.Equal($"build.sh: the base image registry {closed} cannot be reached from this machine: no image built (use --base-registry for a mirror)", error.Trim());
    }

    [Theory]
    [InlineData("no-such-service")]
    [InlineData("--tag", "not a tag")]
    [InlineData("--registry", "r.example", "--archive", "/tmp")]
    public async Task A_usage_error_is_exit_code_2_before_anything_is_built(params string[] arguments)
    {
        var (exitCode, _, error) = await RunAsync(arguments);
        Assert.True(exitCode == 2, $"exit code {exitCode}\n{error}");
        Assert.StartsWith("build.sh: ", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = DotnetCli.StartInfo([], Repository.Root);
        start.FileName = "bash";
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output, await error);
    }
}
