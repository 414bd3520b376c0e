using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.SystemTests.Api;

/// <summary>One service as the API tests see it: its address, its route table, its operation table and its OpenAPI document.</summary>
public sealed record ApiService(string Name, Uri Address, IServiceProvider Services, ApiOperations Operations)
{
    public HttpClient Client(string? role = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        return role is null ? client : client.As(role);
    }

    /// <summary>The document as served (the admin key reads every service's).</summary>
    public async Task<JsonElement> DocumentAsync()
    {
        using var admin = Client(Roles.Admin);
        return await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    /// <summary>Every endpoint the service routes, with the access its metadata enforces.</summary>
    public IEnumerable<RouteEndpoint> Endpoints() =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    public override string ToString() => Name;

    /// <summary>The route as the OpenAPI document writes it: "/api/x/{id}", parameters without constraints, no trailing slash.</summary>
    public static string Template(RouteEndpoint endpoint)
    {
        var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            _ => part.ToString(),
        }))));
        return path;
    }
}

public static class ApiServices
{
    public static IReadOnlyList<ApiService> Of(SystemFixture system) =>
    [
        new("intake", system.IntakeAddress, system.Intake.Services, TitleReview.Intake.Features.ApiDocumentation.IntakeApiOperations.All),
        new("review", system.ReviewAddress, system.Review.Services, TitleReview.Review.Features.ApiDocumentation.ReviewApiOperations.All),
        new("publicity", system.PublicityAddress, system.Publicity.Services, TitleReview.Publicity.Features.ApiDocumentation.PublicityApiOperations.All),
        new("payment", system.PaymentAddress, system.Payment.Services, TitleReview.Payment.Features.ApiDocumentation.PaymentApiOperations.All),
        new("certificate", system.CertificateAddress, system.Certificate.Services, TitleReview.Certificate.Features.ApiDocumentation.CertificateApiOperations.All),
        new("audit", system.AuditAddress, system.Audit.Services, TitleReview.Audit.Features.ApiDocumentation.AuditApiOperations.All),
    ];

    public static IEnumerable<string> Names => ["intake", "review", "publicity", "payment", "certificate", "audit"];

    public static TheoryData<string> Theory() => [.. Names];

    public static ApiService Find(SystemFixture system, string name) => Of(system).Single(s => s.Name == name);

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TitleReview.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TitleReview.sln not found above the test binaries.");
    }

    /// <summary>Where test artefacts go: TestResults/<paramref name="child"/> at the repository root.</summary>
    public static string ResultsDirectory(string child)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "TestResults", child));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Every operation of a document: method, path, the operation object.</summary>
    public static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "post" or "put" or "delete" or "patch")
                .Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value)));
}
