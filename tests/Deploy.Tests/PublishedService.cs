using System.Diagnostics;
using System.Text;

namespace TitleReview.Deploy.Tests;

/// <summary>A published service run as the image runs it (<c>dotnet App.dll</c> in its folder), on a loopback port.</summary>
public sealed class PublishedService : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    private PublishedService(string name, Process process, Uri address)
    {
        Name = name;
        this.process = process;
        Address = address;
    }

    public string Name { get; }
    public Uri Address { get; }

    public static PublishedService Start(string name, string publishFolder, int port, IReadOnlyDictionary<string, string> settings)
    {
        var start = DotnetCli.StartInfo([Publishing.EntryAssembly(publishFolder)], publishFolder);
        // What the test host was started with must not decide the environment or the servers.
        foreach (var inherited in start.Environment.Keys.Where(key =>
                     key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                     || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var service = new PublishedService(name, process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => service.Append(service.output, line.Data);
        process.ErrorDataReceived += (_, line) => service.Append(service.error, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Null once GET /alive answers 200; else why not (the process's exit or the time-out, with its output).</summary>
    public async Task<string?> WaitUntilAliveAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                return Failure($"exited with {process.ExitCode} before /alive answered");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(Address, "/alive"));
                if ((int)response.StatusCode == 200)
                {
                    return null;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet (start-up under load).
            }

            await Task.Delay(500);
        }

        return Failure($"GET {Address}alive did not answer 200 within {timeout}");
    }

    private string Failure(string what)
    {
        lock (output)
        {
            return $"{Name}: {what}\n--- stderr ---\n{error}\n--- stdout (last lines) ---\n{DotnetCli.Tail(output.ToString(), 40)}";
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            target.AppendLine(line);
        }
    }

    /// <summary>Whether the process has ended (killed, or crashed on its own).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The last lines the service wrote, for a test's failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                return $"{Name} ({Address}):\n--- stderr ---\n{DotnetCli.Tail(error.ToString(), 20)}\n--- stdout ---\n{DotnetCli.Tail(output.ToString(), 20)}";
            }
        }
    }

    /// <summary>
    /// kill -9: <see cref="Process.Kill(bool)"/> sends SIGKILL on Linux, so the service gets no chance to stop its bus,
    /// release its leases or finish a request, as when a node dies.
    /// </summary>
    public void Kill() => Dispose();

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started or has just exited.
        }

        process.Dispose();
    }
}
