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
