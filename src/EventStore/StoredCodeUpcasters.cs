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
    public static void AddStoredCodeUpcasters(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Register<RevisionRequested>(options, json => ModulesOf(json, "comments"));
        Register<ApplicationSubmitted>(options, json =>
        {
            ModulesOf(json, "checklist");
            ModulesOf(json, "attachments");
        });
        Register<ApplicationResubmitted>(options, json =>
        {
            CodesIn(Property(json, "changedModules") as JsonArray);
            ModulesOf(json, "checklist");
            ModulesOf(json, "attachments");
        });
    }

    private static void Register<TEvent>(StoreOptions options, Action<JsonObject> toCodes) where TEvent : class
    {
        var storedName = EventCatalog.All.Single(definition => definition.Type == typeof(TEvent)).StoredName;
        options.Events.Upcast<TEvent>(storedName, SystemTextJsonTransformations.Upcast(document =>
        {
            var json = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
            toCodes(json);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString()));
            return options.Serializer().FromJson<TEvent>(stream);
        }));
    }

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
