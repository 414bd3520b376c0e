using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace TitleReview.Deploy.Tests;

/// <summary>The overlays under deploy/kubernetes/overlays, each rendered once per test run.</summary>
public static partial class Overlays
{
    public static readonly IReadOnlyList<string> All = Directory
        .EnumerateDirectories(Repository.PathOf("deploy", "kubernetes", "overlays"))
        .Select(directory => Path.GetFileName(directory))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static readonly TheoryData<string> Names = new(All);

    private static readonly ConcurrentDictionary<string, Lazy<string>> Rendered = new();

    public static string Yaml(string overlay) => Rendered
        .GetOrAdd(overlay, name => new Lazy<string>(() => Kustomize.Render(Repository.PathOf("deploy", "kubernetes", "overlays", name))))
        .Value;

    public static Manifests Parsed(string overlay) => Manifests.Parse(Yaml(overlay));

    /// <summary>The rendered documents without those that <paramref name="drop"/> picks.</summary>
    public static string Without(string yaml, Func<string, bool> drop) =>
        string.Join("\n---\n", Documents(yaml).Where(document => !drop(document)));

    /// <summary>The rendered YAML's documents, each as its text.</summary>
    public static IEnumerable<string> Documents(string yaml) => DocumentSeparator().Split(yaml);

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
