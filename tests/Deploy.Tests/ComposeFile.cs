using YamlDotNet.RepresentationModel;

namespace TitleReview.Deploy.Tests;

/// <summary>One service of deploy/compose/compose.yaml, with YAML anchors and merge keys (<c>&lt;&lt;</c>) resolved.</summary>
public sealed record ComposeService(
    string Name,
    string Image,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> EnvFiles,
    IReadOnlyList<string> HealthCheck,
    IReadOnlyDictionary<string, string> DependsOn);

/// <summary>
/// deploy/compose/compose.yaml as Compose reads it, parsed with YamlDotNet (which KubernetesClient brings). Only
/// what the checks need; <c>docker compose config</c> is not available where the tests run.
/// </summary>
public sealed class ComposeFile(IReadOnlyList<ComposeService> services)
{
    public static string Directory => Repository.PathOf("deploy", "compose");

    public IReadOnlyList<ComposeService> Services { get; } = services;

    public ComposeService? this[string name] => Services.FirstOrDefault(service => service.Name == name);

    public static ComposeFile Load() => Parse(File.ReadAllText(Path.Combine(Directory, "compose.yaml")));

    public static ComposeFile Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var services = Merged(Child(root, "services")).Select(pair =>
        {
            var service = Merged(pair.Value);
            return new ComposeService(
                pair.Key,
                Scalar(service.GetValueOrDefault("image")),
                Map(service.GetValueOrDefault("environment")),
                List(service.GetValueOrDefault("env_file")),
                List(service.GetValueOrDefault("healthcheck") is YamlMappingNode health ? Merged(health).GetValueOrDefault("test") : null),
                Merged(service.GetValueOrDefault("depends_on")).ToDictionary(
                    dependency => dependency.Key,
                    dependency => Scalar(Merged(dependency.Value).GetValueOrDefault("condition"))));
        });
        return new ComposeFile(services.ToList());
    }

    /// <summary>KEY=VALUE lines of an env file (Compose's .env and env_file format), comments and blank lines skipped.</summary>
    public static IReadOnlyList<(string Key, string Value)> EnvFile(string text) => text
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split('=', 2))
        .Select(parts => (parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : ""))
        .ToList();

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>A mapping's entries, those merged in with <c>&lt;&lt;: *anchor</c> first and its own overriding them.</summary>
    private static Dictionary<string, YamlNode> Merged(YamlNode? node)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            return entries;
        }

        var merges = Child(mapping, "<<") switch
        {
            YamlMappingNode one => [one],
            YamlSequenceNode many => many.Children.OfType<YamlMappingNode>().ToList(),
            _ => new List<YamlMappingNode>(),
        };
        foreach (var (key, value) in merges.SelectMany(Merged))
        {
            entries[key] = value;
        }

        foreach (var (key, value) in mapping.Children.Where(pair => Scalar(pair.Key) != "<<"))
        {
            entries[Scalar(key)] = value;
        }

        return entries;
    }

    /// <summary>An environment block: a mapping, or a list of KEY=VALUE.</summary>
    private static Dictionary<string, string> Map(YamlNode? node) => node switch
    {
        YamlSequenceNode list => list.Children.Select(Scalar).Select(item => item.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal),
        _ => Merged(node).ToDictionary(pair => pair.Key, pair => Scalar(pair.Value), StringComparer.Ordinal),
    };

    private static List<string> List(YamlNode? node) => node switch
    {
        YamlSequenceNode list => list.Children.Select(Scalar).ToList(),
        YamlScalarNode scalar => [scalar.Value ?? ""],
        _ => [],
    };

    private static string Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value ?? "";
}
