using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using SystemTextJsonTransformations = Marten.Services.Json.Transformations.SystemTextJson.JsonTransformations;

namespace TitleReview.EventStore;

/// <summary>
/// Events written before the modules had codes store the Chinese label as the module (基本信息, 学历情况, ...).
/// These upcasters read every such event back with the code, so folds, projections and pages see one vocabulary;
/// the rows themselves stay as written (the ledger is append-only and sealed).
/// </summary>
public static class StoredCodeUpcasters
{
    /// <summary>Where each upcast event keeps module names.</summary>
    private static readonly Dictionary<Type, ModuleFields> Fields = new()
    {
        [typeof(RevisionRequested)] = new(ObjectArrays: ["comments"], CodeArrays: []),
        [typeof(ApplicationSubmitted)] = new(ObjectArrays: ["checklist", "attachments"], CodeArrays: []),
        [typeof(ApplicationResubmitted)] = new(ObjectArrays: ["checklist", "attachments"], CodeArrays: ["changedModules"]),
    };

    public static void AddStoredCodeUpcasters(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Register<RevisionRequested>(options);
        Register<ApplicationSubmitted>(options);
        Register<ApplicationResubmitted>(options);
    }

    /// <summary>
    /// Where an event keeps module names: arrays of objects with a <c>module</c> property (comments, checklist items,
    /// attachment references), and arrays of bare module names.
    /// </summary>
    private sealed record ModuleFields(string[] ObjectArrays, string[] CodeArrays);

    private static void Register<TEvent>(StoreOptions options) where TEvent : class
    {
        var storedName = EventCatalog.All.Single(definition => definition.Type == typeof(TEvent)).StoredName;
        options.Events.Upcast<TEvent>(storedName, SystemTextJsonTransformations.Upcast(document => Read<TEvent>(document, options.Serializer())));
    }

    /// <summary>
    /// A stored <typeparamref name="TEvent"/> as the services read it: with module codes wherever the row holds labels.
    /// Public for the benchmark (bench/Upcasting).
    /// </summary>
    public static TEvent Read<TEvent>(JsonDocument document, ISerializer serializer) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(serializer);
        var fields = Fields[typeof(TEvent)];
        // Every event written since the codes needs nothing, and every service's relay and projections read each
        // submission (~10 KB with its dossier): rewriting it through a JsonNode and back was a tenth of Intake's and
        // Review's CPU in a deadline rush. Only a row that still holds a label takes the rewrite.
        if (AllCoded(document.RootElement, fields))
        {
            using var stored = new MemoryStream(JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray(), writable: false);
            return serializer.FromJson<TEvent>(stored);
        }

        var json = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
        foreach (var name in fields.ObjectArrays)
        {
            ModulesOf(json, name);
        }

        foreach (var name in fields.CodeArrays)
        {
            CodesIn(Property(json, name) as JsonArray);
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString()));
        return serializer.FromJson<TEvent>(stream);
    }

    /// <summary>True when no module the event names is a label, so the stored JSON is already what the event reads.</summary>
    private static bool AllCoded(JsonElement root, ModuleFields fields)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            if (Named(property, fields.ObjectArrays))
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.EnumerateObject().Any(field =>
                            string.Equals(field.Name, "module", StringComparison.OrdinalIgnoreCase) && IsLabel(field.Value)))
                    {
                        return false;
                    }
                }
            }
            else if (Named(property, fields.CodeArrays) && property.Value.EnumerateArray().Any(IsLabel))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Named(JsonProperty property, string[] names) =>
        names.Any(name => string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase));

    private static bool IsLabel(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } module && ApplicationModules.CodeOf(module) != module;

    /// <summary>The module of every object in the named array (comments, checklist items, attachment references).</summary>
    private static void ModulesOf(JsonObject json, string arrayName)
    {
        if (Property(json, arrayName) is not JsonArray items)
        {
            return;
        }

        foreach (var item in items.OfType<JsonObject>())
        {
            var key = KeyOf(item, "module");
            if (key is not null && item[key] is JsonValue value && value.TryGetValue<string>(out var module))
            {
                item[key] = ApplicationModules.CodeOf(module);
            }
        }
    }

    private static void CodesIn(JsonArray? modules)
    {
        for (var i = 0; modules is not null && i < modules.Count; i++)
        {
            if (modules[i] is JsonValue value && value.TryGetValue<string>(out var module))
            {
                modules[i] = ApplicationModules.CodeOf(module);
            }
        }
    }

    // The serializer's casing is the store's choice: match property names without regard to case.
    private static JsonNode? Property(JsonObject json, string name) => KeyOf(json, name) is { } key ? json[key] : null;

    private static string? KeyOf(JsonObject json, string name) =>
        json.Select(pair => pair.Key).FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase));
}
