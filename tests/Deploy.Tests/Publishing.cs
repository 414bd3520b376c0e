namespace TitleReview.Deploy.Tests;

/// <summary>
/// <c>dotnet publish -c Release</c> of every service, framework-dependent, as <c>PublishContainer</c> does before it
/// layers the output onto the base image: one MSBuild run over a small traversal project, so the libraries the six
/// share compile once, into a directory of the test's own (--artifacts-path), never the repository's bin/ and obj/
/// that a concurrent Debug build of the solution is using.
/// </summary>
public static class Publishing
{
    /// <summary>Publishes the services; returns each one's publish folder by service name (intake, review, …).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> PublishServicesAsync(string directory)
    {
        var projects = ContainerSettings.ImageProjects.Where(project => ContainerSettings.ServiceOf(project) is not null).ToList();
        var traversal = Path.Combine(directory, "services.proj");
        // The MSBuild task hands its global properties (Configuration, ArtifactsPath) down to every project and their
        // references. A solution filter would not: Web and EventStore are not in TitleReview.sln, and a solution build
        // leaves a project outside the solution in its default (Debug) configuration.
        await File.WriteAllTextAsync(traversal, $"""
            <Project>
              <ItemGroup>
            {string.Join('\n', projects.Select(project => $"    <Service Include=\"{project}\" />"))}
              </ItemGroup>
              <Target Name="Restore"><MSBuild Projects="@(Service)" Targets="Restore" /></Target>
              <Target Name="Publish"><MSBuild Projects="@(Service)" Targets="Publish" BuildInParallel="true" /></Target>
            </Project>
            """);

        var artifacts = Path.Combine(directory, "artifacts");
        var result = await DotnetCli.RunAsync(
            [
                "msbuild", traversal, "-restore", "-t:Publish", "-m", "-nodeReuse:false", "-nologo", "-v:q",
                "-p:Configuration=Release", $"-p:ArtifactsPath={artifacts}",
                // The solution's own build runs the analyzers on this code; here they would only cost minutes.
                "-p:RunAnalyzers=false",
            ],
            directory,
            TimeSpan.FromMinutes(8));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe("dotnet publish -c Release of the services"));
        }

        // --artifacts-path lays each project's publish output in publish/<project>/<configuration>.
        return projects.ToDictionary(
            project => ContainerSettings.ServiceOf(project)!,
            project => Path.Combine(artifacts, "publish", Path.GetFileNameWithoutExtension(project), "release"));
    }

    /// <summary>The entry assembly of a framework-dependent publish folder: the one with a runtimeconfig.json.</summary>
    public static string EntryAssembly(string publishFolder)
    {
        var config = Assert.Single(Directory.GetFiles(publishFolder, "*.runtimeconfig.json"));
        return config[..^".runtimeconfig.json".Length] + ".dll";
    }
}
