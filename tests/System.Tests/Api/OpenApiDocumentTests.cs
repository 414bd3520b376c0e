using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.SystemTests.Api;

/// <summary>
/// Every service serves an OpenAPI document that describes every /api endpoint it routes, each operation named,
/// summarised, with its success body and its problem+json refusals; the portal's document is public, the others need
/// a signed-in caller.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiDocumentTests(SystemFixture system)
{
    [Theory]
    [MemberData(nameof(ApiServices.Theory), MemberType = typeof(ApiServices))]
    public async Task Every_api_endpoint_is_described_with_a_unique_name_a_summary_and_typed_answers(string name)
    {
        var service = ApiServices.Find(system, name);
        var document = await service.DocumentAsync();
        await File.WriteAllTextAsync(Path.Combine(ApiServices.ResultsDirectory("openapi"), $"{name}.json"), document.GetRawText());

        var operations = ApiServices.Operations(document).ToList();
        var routed = service.Endpoints()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) && !raw.TrimStart('/').StartsWith("api/dev/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => $"{method} {ApiService.Template(e)}"))
            .ToHashSet();
        var described = operations.Select(o => $"{o.Method} {o.Path}").ToHashSet();
        Assert.Empty(routed.Except(described));
        Assert.Empty(described.Except(routed));
        Assert.Equal(described.Order(), service.Operations.Keys.Order());

        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var (method, path, operation) in operations)
        {
            var where = $"{name} {method} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), where);
            var responses = operation.GetProperty("responses");
            var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            Assert.True(success.Count > 0, $"{where}: no success response");
            Assert.True(success.All(r => r.Value.TryGetProperty("content", out _)), $"{where}: a success response without a body type");
            Assert.True(responses.TryGetProperty("400", out var badRequest), $"{where}: no 400");
            Assert.True(badRequest.GetProperty("content").TryGetProperty("application/problem+json", out _), where);
            var anonymous = !operation.TryGetProperty("security", out _);
            Assert.Equal(!anonymous, responses.TryGetProperty("401", out _));
        }
    }

    [Fact]
    public async Task The_portal_document_is_public_and_the_back_office_documents_need_a_signed_in_caller()
    {
        foreach (var service in ApiServices.Of(system))
        {
            using var anonymous = service.Client();
            using var response = await anonymous.GetAsync("/openapi/v1.json");
            Assert.Equal(service.Name == "intake" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
            using var reviewer = service.Client(Roles.Reviewer);
            Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/openapi/v1.json")).StatusCode);
        }
    }

    [Fact]
    public async Task The_portal_request_schema_and_example_carry_only_what_a_portal_sends()
    {
        var document = await ApiServices.Find(system, "intake").DocumentAsync();
        var text = document.GetRawText();
        Assert.DoesNotContain("parsedLevel", text, StringComparison.OrdinalIgnoreCase);
    }
}
