using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TitleReview.Architecture.Tests;

/// <summary>
/// Each slice's shape (issue #16): route tables point at named handlers, so no endpoint lambda grows past a screen
/// of glue; decisions are pure, so a <c>Decide</c> takes no request, session, clock or token and returns no task.
/// </summary>
public sealed class SliceShapeTests
{
    private const int LongestEndpointLambda = 15;

    private static readonly string[] RouteMethods = ["Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods"];

    /// <summary>Every lambda passed to a Map* call in <paramref name="source"/> longer than the limit, as "file:line (n lines)".</summary>
    internal static IReadOnlyList<string> LongEndpointLambdas(string path, string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        return [.. root.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(call => call.Expression is MemberAccessExpressionSyntax member && RouteMethods.Contains(member.Name.Identifier.Text))
            .SelectMany(call => call.ArgumentList.Arguments.Select(argument => argument.Expression).OfType<LambdaExpressionSyntax>())
            .Select(lambda => (Lines: lambda.GetLocation().GetLineSpan(), Lambda: lambda))
            .Select(x => (Start: x.Lines.StartLinePosition.Line + 1, Count: x.Lines.EndLinePosition.Line - x.Lines.StartLinePosition.Line + 1))
            .Where(x => x.Count > LongestEndpointLambda)
            .Select(x => $"{path}:{x.Start} ({x.Count} lines)")];
    }

    [Fact]
    public void No_endpoint_lambda_in_a_service_runs_over_fifteen_lines()
    {
        var services = Path.Combine(Layers.RepositoryRoot, "src", "Services");
        var offenders = Directory.EnumerateFiles(services, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => LongEndpointLambdas(Path.GetRelativePath(services, path), File.ReadAllText(path)))
            .ToList();
        Assert.True(offenders.Count == 0, "Endpoint lambdas to turn into named handlers:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_lambda_check_finds_a_long_endpoint_script()
    {
        var body = string.Join('\n', Enumerable.Range(0, LongestEndpointLambda).Select(i => $"    var x{i} = {i};"));
        var source = $$"""
            static class Routes
            {
                static void M(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
                {
                    app.MapPost("/short", () => 1);
                    app.MapPost("/long", () =>
                    {
            {{body}}
                        return 1;
                    });
                }
            }
            """;
        var found = Assert.Single(LongEndpointLambdas("Routes.cs", source));
        Assert.StartsWith("Routes.cs:6 ", found, StringComparison.Ordinal);
    }

    /// <summary>What a pure decision may not take or return: the request, the ledger, the broker, the clock, a token, a task.</summary>
    internal static IReadOnlyList<string> ImpureDecisions(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.Name == "Decide")
            .Where(method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType).Any(IsImpure))
            .Select(method => $"{method.DeclaringType!.FullName}.{method.Name}")];

    private static bool IsImpure(Type type) =>
        type == typeof(TimeProvider) || type == typeof(CancellationToken) || typeof(Task).IsAssignableFrom(type)
        || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>)
        || (type.Namespace ?? "") is var ns && (ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || ns.StartsWith("Marten", StringComparison.Ordinal) || ns.StartsWith("MassTransit", StringComparison.Ordinal)
            || ns.StartsWith("Npgsql", StringComparison.Ordinal))
        || type.IsGenericType && type.GetGenericArguments().Any(IsImpure);

    /// <summary>Audit is read-only: it finds, it never decides, so it has no Decide to look for.</summary>
    public static TheoryData<string> DecidingServices => [.. Layers.Services.Keys.Where(name => name != "TitleReview.Audit")];

    [Theory]
    [MemberData(nameof(DecidingServices))]
    public void Every_service_decides_in_pure_functions(string service)
    {
        var assembly = Layers.Services[service];
        Assert.Contains(assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)),
            method => method.Name == "Decide");
        Assert.Empty(ImpureDecisions(assembly));
    }

    private static class ImpureSlice
    {
        // A breach on purpose: a "decision" that reads the request and awaits the ledger.
        public static Task<int> Decide(Microsoft.AspNetCore.Http.HttpContext http) => Task.FromResult(http.Response.StatusCode);
    }

    [Fact]
    public void The_purity_check_finds_a_decision_that_takes_the_request()
    {
        Assert.Contains(typeof(ImpureSlice).FullName + ".Decide", ImpureDecisions(typeof(SliceShapeTests).Assembly));
    }
}
