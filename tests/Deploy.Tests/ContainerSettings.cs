using System.Text.Json;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// What the .NET SDK would put into a project's container image, as MSBuild computes it: the project evaluated and
/// its <c>ComputeContainerConfig</c> target run (the one <c>PublishContainer</c> runs first), which needs neither a
/// restore nor a registry. Values a project file or src/Containers.props sets are read back through the SDK's own
/// defaults and label generation, so a misspelt property shows up as the default it fell back to.
/// </summary>
public sealed record ContainerSettings(
    string Project,
    string Repository,
    string BaseImage,
    string User,
    IReadOnlyList<string> Ports,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The projects that become images: every service, the gateway, and the audit CLI.</summary>
    public static IReadOnlyList<string> ImageProjects { get; } =
    [
        .. Directory.EnumerateFiles(Tests.Repository.PathOf("src", "Services"), "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
        Tests.Repository.ProjectOf(Tests.Repository.GatewayName)!,
        Tests.Repository.PathOf("src", "Tools", "AuditCli", "AuditCli.csproj"),
    ];

    /// <summary>The service a project is (its folder under src/Services, lower case), or null for the gateway or a tool.</summary>
    public static string? ServiceOf(string project) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(project))) == "Services"
            ? Path.GetFileNameWithoutExtension(project).ToLowerInvariant()
            : null;

    /// <summary>What a project runs as in a deployment: its service, or the gateway; null for a tool.</summary>
    public static string? DeployableOf(string project) =>
        ServiceOf(project) ?? (Path.GetFullPath(project) == Path.GetFullPath(Tests.Repository.ProjectOf(Tests.Repository.GatewayName)!) ? Tests.Repository.GatewayName : null);

    public static async Task<ContainerSettings> ReadAsync(string project)
    {
        var result = await DotnetCli.RunAsync(
            [
                "msbuild", project, "-nologo", "-t:ComputeContainerConfig",
                "-getProperty:ContainerRepository", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser",
                "-getItem:ContainerPort", "-getItem:ContainerLabel", "-getItem:ContainerEnvironmentVariables",
            ],
            Tests.Repository.Root,
            TimeSpan.FromMinutes(3));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe($"dotnet msbuild -t:ComputeContainerConfig {project}"));
        }

        return Parse(project, result.Output);
    }

    /// <summary>Reads the JSON that <c>-getProperty</c>/<c>-getItem</c> print (more than one of them: always JSON).</summary>
    public static ContainerSettings Parse(string project, string json)
    {
        using var document = JsonDocument.Parse(json);
        var properties = document.RootElement.GetProperty("Properties");
        var items = document.RootElement.GetProperty("Items");
        IEnumerable<JsonElement> Items(string type) =>
            items.TryGetProperty(type, out var list) ? list.EnumerateArray() : [];
        string Metadata(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

        return new ContainerSettings(
            project,
            properties.GetProperty("ContainerRepository").GetString() ?? "",
            properties.GetProperty("ContainerBaseImage").GetString() ?? "",
            properties.GetProperty("ContainerUser").GetString() ?? "",
            Items("ContainerPort").Select(item => $"{Metadata(item, "Identity")}/{Metadata(item, "Type")}").ToList(),
            Items("ContainerLabel").GroupBy(item => Metadata(item, "Identity"))
                .ToDictionary(group => group.Key, group => Metadata(group.Last(), "Value"), StringComparer.Ordinal),
            Items("ContainerEnvironmentVariables").GroupBy(item => Metadata(item, "Identity"))
                .ToDictionary(group => group.Key, group => Metadata(group.Last(), "Value"), StringComparer.Ordinal));
    }
}
