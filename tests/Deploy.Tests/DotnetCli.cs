using System.Diagnostics;

namespace TitleReview.Deploy.Tests;

/// <summary>The .NET CLI as a child process: <c>dotnet msbuild</c> and <c>dotnet publish</c> for the container checks.</summary>
public static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Describe(string what) => $"{what} failed ({ExitCode}):\n{Error}\n{Tail(Output, 60)}";
    }

    /// <summary>The dotnet that runs this test host (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // 'dotnet test' runs this host with MSBuild's own variables set (MSBuildExtensionsPath, MSBUILD_EXE_PATH, …):
        // a nested build that inherits them can load the outer build's SDK state instead of its own.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(arguments, workingDirectory))
            ?? throw new InvalidOperationException($"{Executable} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} took more than {timeout}:\n{Tail(await output, 60)}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    public static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
