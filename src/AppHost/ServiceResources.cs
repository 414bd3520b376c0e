namespace TitleReview.AppHost;

public static class ServiceResources
{
    /// <summary>One TitleReview service on its documented local port, started once the event store and broker answer.</summary>
    public static IResourceBuilder<ProjectResource> AddTitleReviewService<TProject>(
        this IDistributedApplicationBuilder builder, string name, int port, Infrastructure infrastructure)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: port, name: "http")
            .WithReference(infrastructure.EventStore)
            .WithReference(infrastructure.Messaging)
            .WaitFor(infrastructure.EventStore)
            .WaitFor(infrastructure.Messaging)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithHttpHealthCheck("/health");
}
