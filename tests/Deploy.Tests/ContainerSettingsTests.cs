namespace TitleReview.Deploy.Tests;

/// <summary>
/// The images the SDK builds (src/Containers.props and the project files, read back through MSBuild) are the ones
/// deploy/kubernetes pulls, run as the user it expects, on the port it probes. Each check also catches a broken case.
/// </summary>
public class ContainerSettingsTests
{
    private static readonly Lazy<Task<ContainerSettings[]>> Images =
        new(() => Task.WhenAll(ContainerSettings.ImageProjects.Select(ContainerSettings.ReadAsync)));

    private static readonly Lazy<Manifests> Base =
        new(() => Manifests.Parse(Kustomize.Render(Repository.PathOf("deploy", "kubernetes", "base"))));

    private static readonly IReadOnlyList<string> HealthPaths = ManifestChecks.HealthPaths(Repository.Root);

    [Fact]
    public async Task Every_service_and_gateway_image_is_what_its_Deployment_pulls_non_root_on_the_probed_port_with_labels()
    {
        var deployed = (await Images.Value).Where(image => ContainerSettings.DeployableOf(image.Project) is not null).ToList();
        Assert.Equal(Repository.DeployableNames.Order(StringComparer.Ordinal), deployed.Select(image => ContainerSettings.DeployableOf(image.Project)).Order(StringComparer.Ordinal));
        Assert.Empty(deployed.SelectMany(image => ContainerChecks.Service(ContainerSettings.DeployableOf(image.Project)!, image, Base.Value, HealthPaths)));
    }

    [Fact]
    public async Task The_audit_CLI_image_is_a_non_root_runtime_image_without_ports()
    {
        var cli = Assert.Single(await Images.Value, image => ContainerSettings.DeployableOf(image.Project) is null);
        Assert.Empty(ContainerChecks.Tool(cli));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Every_overlay_pulls_each_service_and_gateway_image_from_a_registry_at_a_pinned_tag(string overlay)
    {
        var repositories = (await Images.Value).Where(image => ContainerSettings.DeployableOf(image.Project) is not null).Select(image => image.Repository).ToList();
        Assert.Equal(7, repositories.Count);
        Assert.Contains("titlereview/gateway", repositories);
        Assert.Empty(ContainerChecks.OverlayImages(Overlays.Parsed(overlay), repositories));
    }

    // The broken cases start from what the intake project really builds and change one thing.

    private static async Task<ContainerSettings> IntakeAsync() =>
        (await Images.Value).Single(image => ContainerSettings.ServiceOf(image.Project) == "intake");

    private static void Catches(IEnumerable<string> problems, string expected) =>
        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public async Task The_unbroken_intake_image_passes() =>
        Assert.Empty(ContainerChecks.Service("intake", await IntakeAsync(), Base.Value, HealthPaths));

    [Theory]
    [InlineData("0")]
    [InlineData("app")]
    [InlineData("")]
    public async Task A_root_named_or_missing_user_is_caught(string user) =>
        Catches(ContainerChecks.Service("intake", await IntakeAsync() with { User = user }, Base.Value, HealthPaths), $"container user '{user}' is not a numeric non-root user");

    [Fact]
    public async Task A_user_other_than_the_Deployment_s_is_caught() =>
        Catches(ContainerChecks.Service("intake", await IntakeAsync() with { User = "1000" }, Base.Value, HealthPaths), "the Deployment runs as user 1654, the image as 1000");

    [Fact]
    public async Task A_repository_the_Deployment_does_not_pull_is_caught()
    {
        var problems = ContainerChecks.Service("intake", await IntakeAsync() with { Repository = "titlereview/titlereview.intake" }, Base.Value, HealthPaths);
        Catches(problems, "the Deployment pulls titlereview/intake, the project builds titlereview/titlereview.intake");
        Catches(problems, "repository titlereview/titlereview.intake, not titlereview/intake");
    }

    [Fact]
    public async Task Another_port_is_caught()
    {
        var image = await IntakeAsync();
        var problems = ContainerChecks.Service("intake", image with
        {
            Ports = ["80/tcp"],
            Environment = new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = "80" },
        }, Base.Value, HealthPaths);
        Catches(problems, "the image exposes 80/tcp, the Deployment's port http is 8080/tcp");
        Catches(problems, "ASPNETCORE_HTTP_PORTS in the image is 80, not the port 8080");
    }

    [Fact]
    public async Task A_missing_label_and_a_health_label_the_probes_do_not_call_are_caught()
    {
        var image = await IntakeAsync();
        var labels = new Dictionary<string, string>(image.Labels) { [ContainerChecks.LivenessLabel] = "/healthz" };
        labels.Remove("org.opencontainers.image.source");
        var problems = ContainerChecks.Service("intake", image with { Labels = labels }, Base.Value, HealthPaths);
        Catches(problems, "no label org.opencontainers.image.source");
        Catches(problems, $"label {ContainerChecks.LivenessLabel} is /healthz; the probe calls /alive");
    }

    [Fact]
    public async Task A_service_on_the_runtime_image_and_a_CLI_with_a_port_are_caught()
    {
        Catches(ContainerChecks.Service("intake", await IntakeAsync() with { BaseImage = ContainerChecks.ToolBase }, Base.Value, HealthPaths), $"base image {ContainerChecks.ToolBase}, not {ContainerChecks.ServiceBase}");
        var cli = (await Images.Value).Single(image => ContainerSettings.DeployableOf(image.Project) is null);
        Catches(ContainerChecks.Tool(cli with { Ports = ["8080/tcp"] }), "a command line exposes no port, not 8080/tcp");
    }

    [Fact]
    public async Task A_gateway_image_the_Deployment_does_not_pull_or_on_another_port_is_caught()
    {
        var gateway = (await Images.Value).Single(image => ContainerSettings.DeployableOf(image.Project) == Repository.GatewayName);
        Assert.Empty(ContainerChecks.Service(Repository.GatewayName, gateway, Base.Value, HealthPaths));
        Catches(ContainerChecks.Service(Repository.GatewayName, gateway with { Repository = "titlereview/titlereview.gateway" }, Base.Value, HealthPaths),
            "gateway: the Deployment pulls titlereview/gateway, the project builds titlereview/titlereview.gateway");
        Catches(ContainerChecks.Service(Repository.GatewayName, gateway with { Ports = ["5100/tcp"] }, Base.Value, HealthPaths),
            "gateway: the image exposes 5100/tcp, the Deployment's port http is 8080/tcp");
        Catches(ContainerChecks.OverlayImages(Overlays.Parsed("staging"), ["titlereview/gateway-missing"]), "titlereview/gateway-missing: no Deployment pulls it");
    }

    [Fact]
    public void An_overlay_image_left_unmapped_or_at_latest_is_caught()
    {
        var staging = Overlays.Yaml("staging");
        const string mapped = "registry.example.gov.cn/titlereview/review:0.1.0";
        Assert.Contains(mapped, staging, StringComparison.Ordinal);
        var unmapped = Manifests.Parse(staging.Replace(mapped, "titlereview/review", StringComparison.Ordinal));
        Catches(ContainerChecks.OverlayImages(unmapped, ["titlereview/review"]), "titlereview/review: pulled as titlereview/review:(no tag)");
        var latest = Manifests.Parse(staging.Replace(mapped, "registry.example.gov.cn:5000/titlereview/review:latest", StringComparison.Ordinal));
        Catches(ContainerChecks.OverlayImages(latest, ["titlereview/review"]), "pulled as registry.example.gov.cn:5000/titlereview/review:latest");
    }
}
