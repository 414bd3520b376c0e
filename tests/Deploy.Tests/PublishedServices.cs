namespace TitleReview.Deploy.Tests;

/// <summary>
/// One Release publish of every service for the tests that run them as processes: publishing takes minutes on two
/// cores, and the tests that start the services need the same output, so the collection shares it.
/// </summary>
public sealed class PublishedServices : IAsyncLifetime
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("titlereview-publish-");

    /// <summary>Each service's publish folder by service name (intake, review, …).</summary>
    public IReadOnlyDictionary<string, string> Folders { get; private set; } = new Dictionary<string, string>();

    /// <summary>How long the publish took, for the log.</summary>
    public TimeSpan PublishTime { get; private set; }

    /// <summary>A folder of the collection's own for files the services read (certificates, cycles).</summary>
    public string Scratch => directory.FullName;

    public async Task InitializeAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Folders = await Publishing.PublishServicesAsync(directory.FullName);
        PublishTime = watch.Elapsed;
    }

    public Task DisposeAsync()
    {
        directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedServicesCollection : ICollectionFixture<PublishedServices>
{
    public const string Name = "Published services";
}
