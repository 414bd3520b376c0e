using System.Text.Json;
using System.Text.Json.Serialization;

namespace TitleReview.Testing;

public static class TestJson
{
    /// <summary>How the services write JSON: web defaults, enums by name.</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
