namespace TitleReview.Bench.Load;

/// <summary>The checkout the load generator runs from (the example files live in deploy/examples/files).</summary>
public static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory) ?? Find(Directory.GetCurrentDirectory())
        ?? throw new InvalidOperationException("Run from inside the TitleReview checkout (no TitleReview.sln above here).");

    private static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TitleReview.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
