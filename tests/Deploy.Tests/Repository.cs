namespace TitleReview.Deploy.Tests;

/// <summary>Paths in the repository this test assembly was built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The services, by their folder under src/Services (lower case, as the manifests name them).</summary>
    public static IReadOnlyList<string> ServiceNames { get; } = Directory
        .EnumerateDirectories(PathOf("src", "Services"))
        .Where(directory => Directory.EnumerateFiles(directory, "*.csproj").Any())
        .Select(directory => Path.GetFileName(directory).ToLowerInvariant())
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The back-office gateway (src/Gateway): deployed as the services are (image, Deployment, compose service), but
    /// it is no service, so it is not among <see cref="ServiceNames"/> (which the process tests publish and start).
    /// </summary>
    public const string GatewayName = "gateway";

    /// <summary>Everything a deployment runs from this repository's source: the services and the gateway.</summary>
    public static IReadOnlyList<string> DeployableNames { get; } = [.. ServiceNames, GatewayName];

    /// <summary>The project a deployable is built from: src/Services/&lt;Name&gt;/&lt;Name&gt;.csproj, or src/Gateway/Gateway.csproj.</summary>
    public static string? ProjectOf(string deployable)
    {
        if (deployable == GatewayName)
        {
            return PathOf("src", "Gateway", "Gateway.csproj");
        }

        return Directory.EnumerateDirectories(PathOf("src", "Services"))
            .Where(directory => string.Equals(Path.GetFileName(directory), deployable, StringComparison.OrdinalIgnoreCase))
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*.csproj"))
            .FirstOrDefault();
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TitleReview.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No TitleReview.sln above {AppContext.BaseDirectory}.");
    }
}
