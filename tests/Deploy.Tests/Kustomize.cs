using System.ComponentModel;
using System.Diagnostics;

namespace TitleReview.Deploy.Tests;

/// <summary>Renders a kustomization with <c>kubectl kustomize</c> (kustomize is built into kubectl), offline.</summary>
public static class Kustomize
{
    /// <summary>The kubectl to run: <c>KUBECTL</c> when set, else kubectl on PATH.</summary>
    public static string Kubectl => Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } path ? path : "kubectl";

    public static string Render(string directory, string? kubectl = null)
    {
        kubectl ??= Kubectl;
        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{kubectl}' did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"kubectl is needed to render deploy/kubernetes and was not found ('{kubectl}': {e.Message}). " +
                "Install kubectl (kustomize is built in), or set KUBECTL to its path.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize {directory} took more than 2 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {error.Result}");
            }

            return output.Result;
        }
    }
}
