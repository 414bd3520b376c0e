using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TitleReview.Domain.Cycles;

/// <summary>
/// The review cycles a service knows: the ones shipped in this assembly plus, when configured, every *.json in
/// <c>Cycles:Directory</c> (another committee or year without a new build). Immutable once built and injected, so two
/// hosts in one process (tests, two instances) each see exactly the cycles their own configuration names.
/// </summary>
public sealed class ReviewCycleCatalogue
{
    public const string Xishan2023 = "xishan-engineering-2023";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly FrozenDictionary<string, ReviewCycle> cycles;

    private ReviewCycleCatalogue(IEnumerable<ReviewCycle> cycles) => this.cycles = cycles.ToFrozenDictionary(cycle => cycle.Id);

    /// <summary>The cycles built into this release.</summary>
    public static ReviewCycleCatalogue Shipped { get; } = new(typeof(ReviewCycle).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith("TitleReview.Domain.Cycles.", StringComparison.Ordinal))
        .Select(LoadResource));

    public IReadOnlyCollection<ReviewCycle> All => cycles.Values;

    public ReviewCycle? Find(string id) => cycles.GetValueOrDefault(id);

    public ReviewCycle Get(string id) => Find(id) ?? throw new KeyNotFoundException($"Review cycle '{id}' is not loaded.");

    /// <summary>
    /// The shipped cycles plus every *.json in <paramref name="directory"/> (null or empty: none). A shipped cycle's id
    /// cannot be replaced: a file that tries is an error at start-up, not a silent override.
    /// </summary>
    public static ReviewCycleCatalogue Load(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return Shipped;
        }

        var added = new List<ReviewCycle>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            var cycle = JsonSerializer.Deserialize<ReviewCycle>(stream, Json) ?? throw new InvalidDataException($"{file} is empty.");
            if (Shipped.Find(cycle.Id) is not null)
            {
                throw new InvalidDataException($"{file}: the cycle '{cycle.Id}' is shipped with the system and cannot be replaced.");
            }

            added.Add(cycle);
        }

        return new ReviewCycleCatalogue([.. Shipped.All, .. added]);
    }

    private static ReviewCycle LoadResource(string resource)
    {
        using var stream = typeof(ReviewCycle).Assembly.GetManifestResourceStream(resource)!;
        return JsonSerializer.Deserialize<ReviewCycle>(stream, Json) ?? throw new InvalidDataException($"{resource} is empty.");
    }
}
