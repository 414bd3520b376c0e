using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using TitleReview.Web.Http;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.ServiceDefaults.OpenApi;

/// <summary>
/// One OpenAPI registration for every service: the document at <c>/openapi/v1.json</c> describes every endpoint under
/// <c>/api</c> (pages, sign-in, health and the development clock are not API), each operation with a stable
/// operationId, a bilingual summary, its success body and its problem+json refusals: 400 everywhere, 401 where a
/// caller must sign in, 403 where a role is required (read from the endpoint's authorization metadata, so it cannot
/// drift from what the endpoint enforces).
/// </summary>
public static partial class ServiceOpenApi
{
    public const string SecurityScheme = "ApiKey";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    public static IServiceCollection AddServiceOpenApi(
        this IServiceCollection services, string title, string description, ApiOperations operations, Action<OpenApiOptions>? configure = null) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = IsApi;
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document, title, description);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, cancellationToken) => DescribeAsync(operation, context, operations, cancellationToken));
            configure?.Invoke(options);
        });

    /// <summary>The document at <c>/openapi/v1.json</c>: public for the portal's integrators, any role elsewhere (it names every back-office operation).</summary>
    public static IEndpointConventionBuilder MapServiceOpenApi(this WebApplication app, bool isPublic)
    {
        var document = app.MapOpenApi();
        return isPublic ? document.AllowAnonymous() : document.RequireRoles([.. Roles.All]);
    }

    /// <summary>API endpoints only: HTML pages, sign-in and health live outside <c>/api</c>; the development clock is not part of the API.</summary>
    public static bool IsApi(ApiDescription description) =>
        description.RelativePath is { } path && path.StartsWith("api/", StringComparison.Ordinal) && !path.StartsWith("api/dev/", StringComparison.Ordinal);

    /// <summary>The key an operation is described under: method and route without constraints or a trailing slash.</summary>
    public static string KeyOf(string? method, string? relativePath) =>
        $"{method?.ToUpperInvariant()} /{RouteConstraint().Replace(relativePath?.TrimEnd('/') ?? "", "{$1}")}";

    [GeneratedRegex(@"\{\*{0,2}([^:}=?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();

    private static void Describe(OpenApiDocument document, string title, string description)
    {
        document.Info.Title = title;
        document.Info.Description = description;
        document.Info.Version = "v1";
        document.Info.Contact = new OpenApiContact { Name = "TitleReview", Url = new Uri("https://titlereview.example/") };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "Authorization: ApiKey <密钥 / key>（每个客户端一个，按角色授权 / one per client, authorised by role）",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema();

        // "/api/audit/seals/" and "/api/audit/seals" are the same route; the document names it without the slash.
        foreach (var path in document.Paths.Keys.Where(p => p.Length > 1 && p.EndsWith('/')).ToList())
        {
            document.Paths[path.TrimEnd('/')] = document.Paths[path];
            document.Paths.Remove(path);
        }

        var tags = document.Paths.Values
            .SelectMany(item => item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(tags.Select(name => new OpenApiTag { Name = name, Description = name }));
    }

    private static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, ApiOperations operations, CancellationToken cancellationToken)
    {
        var api = context.Description;
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var key = KeyOf(api.HttpMethod, api.RelativePath);
        operations.TryGetValue(key, out var known);

        operation.OperationId = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName ?? known?.Id ?? DerivedId(key);
        operation.Summary ??= known?.Summary;
        operation.Description ??= known?.Summary;
        operation.Responses ??= new OpenApiResponses();

        if (known is not null)
        {
            if (known.Status != StatusCodes.Status200OK && operation.Responses.TryGetValue("200", out var ok) && ok.Content is not { Count: > 0 })
            {
                operation.Responses.Remove("200");
            }

            var status = known.Status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(status, out var existing) || existing.Content is not { Count: > 0 })
            {
                operation.Responses[status] = await SuccessAsync(known, context, cancellationToken);
            }

            if (known.FormFields is { Length: > 0 } fields && operation.RequestBody is null)
            {
                operation.RequestBody = Multipart(fields);
            }
        }

        var access = EndpointAccess.Of(metadata);
        var problems = new SortedSet<int> { StatusCodes.Status400BadRequest };
        if (!access.IsPublic)
        {
            problems.Add(StatusCodes.Status401Unauthorized);
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [] }];
        }

        if (access.Roles is not null)
        {
            problems.Add(StatusCodes.Status403Forbidden);
        }

        problems.UnionWith(known?.Problems ?? []);
        foreach (var status in problems)
        {
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = Problems.TitleFor(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                },
            };
        }
    }

    private static async Task<OpenApiResponse> SuccessAsync(ApiOperation known, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var response = new OpenApiResponse { Description = known.Summary, Content = new Dictionary<string, OpenApiMediaType>() };
        if (known.MediaType is { } mediaType)
        {
            response.Content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        }
        else if (known.Success == typeof(object))
        {
            response.Content["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } };
        }
        else if (known.Success is { } type)
        {
            response.Content["application/json"] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken) };
        }

        return response;
    }

    private static OpenApiRequestBody Multipart(string[] fields)
    {
        var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
        foreach (var field in fields)
        {
            schema.Properties[field] = field is "file" or "evidence"
                ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }
                : new OpenApiSchema { Type = JsonSchemaType.String };
        }

        return new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = schema } },
        };
    }

    /// <summary>RFC 9457 with this system's extensions: validation errors per field, rule violations, the trace id.</summary>
    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details; title and detail in Chinese and English.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };

    /// <summary>"GET /api/audit/applications/{id}/events" → "GetApiAuditApplicationsIdEvents": only for operations nobody named.</summary>
    private static string DerivedId(string key)
    {
        var id = new StringBuilder();
        foreach (var word in key.Split([' ', '/', '{', '}', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            id.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1).ToString().ToLowerInvariant());
        }

        return id.ToString();
    }
}
