using k8s.Models;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// The checks on the images' settings (<see cref="ContainerSettings"/>), against the kustomize manifests that run
/// them. Each returns what it found wrong (empty: nothing), like <see cref="ManifestChecks"/>.
/// </summary>
public static class ContainerChecks
{
    public const string ServiceBase = "mcr.microsoft.com/dotnet/aspnet:10.0";
    public const string ToolBase = "mcr.microsoft.com/dotnet/runtime:10.0";

    /// <summary>The OCI annotations every image carries (https://github.com/opencontainers/image-spec, annotations.md).</summary>
    public static readonly IReadOnlyList<string> RequiredLabels =
    [
        "org.opencontainers.image.title", "org.opencontainers.image.description", "org.opencontainers.image.source",
        "org.opencontainers.image.licenses",
    ];

    public const string LivenessLabel = "org.titlereview.health.liveness";
    public const string ReadinessLabel = "org.titlereview.health.readiness";

    /// <summary>
    /// A service's image against its Deployment in the base manifests: the image the Deployment pulls, the user it
    /// runs as, the port it probes, and the health endpoints its probes call.
    /// </summary>
    public static List<string> Service(string service, ContainerSettings image, Manifests manifests, IReadOnlyList<string> healthPaths)
    {
        var problems = Common(image, $"titlereview/{service}", ServiceBase);
        var deployment = manifests.OfType<V1Deployment>().FirstOrDefault(d => d.Metadata.Name == service);
        var container = deployment?.Spec.Template.Spec.Containers.FirstOrDefault(c => c.Name == service);
        if (deployment is null || container is null)
        {
            problems.Add($"{service}: no Deployment with a container {service} in deploy/kubernetes/base");
            return problems;
        }

        if (container.Image != image.Repository)
        {
            problems.Add($"{service}: the Deployment pulls {container.Image}, the project builds {image.Repository}");
        }

        var runAsUser = container.SecurityContext?.RunAsUser ?? deployment.Spec.Template.Spec.SecurityContext?.RunAsUser;
        if (runAsUser?.ToString(System.Globalization.CultureInfo.InvariantCulture) != image.User)
        {
            problems.Add($"{service}: the Deployment runs as user {runAsUser?.ToString() ?? "(unset)"}, the image as {image.User}");
        }

        var http = container.Ports?.FirstOrDefault(port => port.Name == "http");
        var exposed = http is null ? null : $"{http.ContainerPort}/{(http.Protocol ?? "TCP").ToLowerInvariant()}";
        if (exposed is null || image.Ports.Count != 1 || image.Ports[0] != exposed)
        {
            problems.Add($"{service}: the image exposes {Listed(image.Ports)}, the Deployment's port http is {exposed ?? "missing"}");
        }

        if (http is not null && image.Environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") != http.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            problems.Add($"{service}: ASPNETCORE_HTTP_PORTS in the image is {image.Environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") ?? "unset"}, not the port {http.ContainerPort}");
        }

        foreach (var (label, probe) in new[] { (LivenessLabel, container.LivenessProbe), (ReadinessLabel, container.ReadinessProbe) })
        {
            var path = image.Labels.GetValueOrDefault(label);
            if (path is null || !healthPaths.Contains(path) || probe?.HttpGet?.Path != path)
            {
                problems.Add($"{service}: label {label} is {path ?? "missing"}; the probe calls {probe?.HttpGet?.Path ?? "nothing"}, ServiceDefaults maps {Listed(healthPaths)}");
            }
        }

        return problems;
    }

    /// <summary>
    /// An overlay pulls every image from its registry at a pinned tag: an <c>images:</c> entry whose name does not match
    /// what the base pulls leaves the bare name, which a cluster would look for on Docker Hub.
    /// </summary>
    public static List<string> OverlayImages(Manifests overlay, IEnumerable<string> repositories)
    {
        var images = overlay.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers).Select(c => NameAndTag(c.Image)).ToList();
        var problems = new List<string>();
        foreach (var repository in repositories)
        {
            var pulled = images.Where(image => image.Name == repository || image.Name.EndsWith("/" + repository, StringComparison.Ordinal)).ToList();
            if (pulled.Count == 0)
            {
                problems.Add($"{repository}: no Deployment pulls it");
            }

            foreach (var (name, tag) in pulled.Where(image => image.Name == repository || image.Tag is null or "latest"))
            {
                problems.Add($"{repository}: pulled as {name}:{tag ?? "(no tag)"}, not from a registry at a pinned tag");
            }
        }

        return problems;
    }

    /// <summary>registry[:port]/path[:tag] → (registry[:port]/path, tag): a colon after the last slash starts the tag.</summary>
    public static (string Name, string? Tag) NameAndTag(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }

    /// <summary>The audit CLI's image: a console program on the runtime image, nothing to listen on.</summary>
    public static List<string> Tool(ContainerSettings image)
    {
        var problems = Common(image, "titlereview/audit-cli", ToolBase);
        if (image.Ports.Count > 0)
        {
            problems.Add($"{image.Repository}: a command line exposes no port, not {Listed(image.Ports)}");
        }

        return problems;
    }

    private static List<string> Common(ContainerSettings image, string repository, string baseImage)
    {
        var name = Path.GetFileName(image.Project);
        var problems = new List<string>();
        if (image.Repository != repository)
        {
            problems.Add($"{name}: repository {image.Repository}, not {repository}");
        }

        if (image.BaseImage != baseImage)
        {
            problems.Add($"{name}: base image {image.BaseImage}, not {baseImage}");
        }

        // Numeric: Kubernetes checks runAsNonRoot only against a numeric user; a name such as "app" it cannot verify.
        if (!int.TryParse(image.User, out var user) || user == 0)
        {
            problems.Add($"{name}: container user '{image.User}' is not a numeric non-root user");
        }

        foreach (var label in RequiredLabels.Where(label => string.IsNullOrWhiteSpace(image.Labels.GetValueOrDefault(label))))
        {
            problems.Add($"{name}: no label {label}");
        }

        return problems;
    }

    private static string Listed(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : "nothing";
}
