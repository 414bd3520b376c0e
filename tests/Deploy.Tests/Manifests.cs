using k8s;
using k8s.Models;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// An operator's custom resource (CloudNativePG, RabbitMQ Cluster Operator), parsed generically: KubernetesClient has
/// no models for them, so the spec stays a tree of dictionaries and lists as YAML gives it.
/// </summary>
public sealed class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public Dictionary<string, object?> Spec { get; set; } = [];

    /// <summary>The value at a dotted path in the spec, e.g. <c>postgresql.synchronous.number</c>; null when absent.</summary>
    public object? At(string path)
    {
        object? node = Spec;
        foreach (var segment in path.Split('.'))
        {
            node = node switch
            {
                IDictionary<string, object?> map => map.TryGetValue(segment, out var next) ? next : null,
                IDictionary<object, object?> map => map.TryGetValue(segment, out var next) ? next : null,
                _ => null,
            };
        }

        return node;
    }

    public int? IntAt(string path) => At(path) is { } value && int.TryParse(value.ToString(), out var number) ? number : null;

    public string? StringAt(string path) => At(path)?.ToString();
}

/// <summary>The resources of one rendered overlay, typed by KubernetesClient's YAML loader.</summary>
public sealed class Manifests(IReadOnlyList<object> resources)
{
    /// <summary>The operators' kinds this deployment uses, parsed as <see cref="CustomResource"/>.</summary>
    public static readonly IReadOnlyDictionary<string, Type> CustomKinds = new Dictionary<string, Type>
    {
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(CustomResource),
        ["postgresql.cnpg.io/v1/Pooler"] = typeof(CustomResource),
        ["postgresql.cnpg.io/v1/ScheduledBackup"] = typeof(CustomResource),
        ["rabbitmq.com/v1beta1/RabbitmqCluster"] = typeof(CustomResource),
    };

    public IReadOnlyList<object> Resources { get; } = resources;

    public static Manifests Parse(string yaml)
    {
        var typeMap = new Dictionary<string, Type>(CustomKinds);
        return new Manifests(KubernetesYaml.LoadAllFromString(yaml, typeMap));
    }

    public static Manifests RenderOverlay(string overlay) =>
        Parse(Kustomize.Render(Repository.PathOf("deploy", "kubernetes", "overlays", overlay)));

    public IEnumerable<T> OfType<T>() => Resources.OfType<T>();

    public IEnumerable<CustomResource> Custom(string kind) =>
        Resources.OfType<CustomResource>().Where(resource => resource.Kind == kind);
}
