using System.Collections.Concurrent;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// The configuration keys the services really read, derived from their source at test time: every
/// <c>Configuration["…"]</c>, <c>GetValue(…)</c> and <c>GetConnectionString(…)</c> key (string constants and
/// interpolations resolved), every section bound to an options class (<c>Configure&lt;T&gt;(GetSection(…))</c>,
/// <c>AddOptions&lt;T&gt;().Bind(GetSection(…))</c>, <c>GetSection(…).Get&lt;T&gt;()</c>) expanded into the class's
/// settable properties (lists by index, dictionaries by any key), and every key of the services' appsettings files.
/// A key is a pattern of segments: <c>*</c> matches any one segment, <c>#</c> an index.
/// </summary>
public sealed class ConfigurationKeys
{
    /// <summary>
    /// Keys that the framework reads itself, not the services' code: the host (ASP.NET Core's <c>ASPNETCORE_</c>
    /// and .NET's <c>DOTNET_</c> settings) and the OpenTelemetry SDK's exporter settings, plus logging levels.
    /// </summary>
    public static readonly IReadOnlyList<string> FrameworkKeys =
    [
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED",
        "DOTNET_ENVIRONMENT", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS", "Logging:LogLevel:*",
    ];

    private static readonly HashSet<string> Scalars =
    [
        "string", "bool", "int", "long", "decimal", "double", "float", "TimeSpan", "TimeOnly", "DateOnly", "DateTimeOffset",
        "DateTime", "Guid", "Uri",
    ];

    private readonly List<string[]> patterns;

    private ConfigurationKeys(IEnumerable<string> keys) =>
        patterns = keys.Select(key => key.Split(':')).ToList();

    /// <summary>Every key pattern, for messages and for the tests of the derivation itself.</summary>
    public IEnumerable<string> Patterns => patterns.Select(pattern => string.Join(':', pattern)).Order(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="key"/> (colon-separated; an environment name's <c>__</c> already turned to <c>:</c>) is read.</summary>
    public bool IsRead(string key)
    {
        var segments = key.Split(':');
        return patterns.Any(pattern => pattern.Length == segments.Length && pattern.Zip(segments).All(pair => pair.First switch
        {
            "*" => pair.Second.Length > 0,
            "#" => int.TryParse(pair.Second, out _),
            var literal => string.Equals(literal, pair.Second, StringComparison.OrdinalIgnoreCase),
        }));
    }

    public static string FromEnvironmentName(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Reads the services' code (src, but the AppHost and the tools, which are not deployed as services).</summary>
    public static ConfigurationKeys FromSource(string root)
    {
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsExcluded(root, path));
        var trees = sources.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path)).ToList();
        var appsettings = Directory.EnumerateFiles(Path.Combine(root, "src", "Services"), "appsettings*.json", SearchOption.AllDirectories)
            .Where(path => !IsExcluded(root, path));
        return FromSyntax(trees, appsettings.Select(File.ReadAllText));
    }

    /// <summary>
    /// The keys one deployed program reads: the source of its project and of every project it references (transitively:
    /// ServiceDefaults, EventStore, …), and its own appsettings files. A key only another program reads is not read here:
    /// the gateway does not read Review's settings, and only what references EventStore reads the broker's.
    /// </summary>
    public static ConfigurationKeys ForProject(string project)
    {
        var directories = ProjectClosure(Path.GetFullPath(project)).Select(Path.GetDirectoryName).OfType<string>().ToList();
        var trees = directories
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path))
            .Select(path => Trees.GetOrAdd(path, file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file)))
            .ToList();
        // Only the host's content root has appsettings that are loaded: those of the project itself.
        var appsettings = Directory.EnumerateFiles(Path.GetDirectoryName(Path.GetFullPath(project))!, "appsettings*.json");
        return FromSyntax(trees, appsettings.Select(File.ReadAllText));
    }

    /// <summary><see cref="ForProject"/> of a deployable (a service, or the gateway), by the name the manifests give it; null when no project has that name.</summary>
    public static ConfigurationKeys? ForDeployable(string name) => Deployables.GetOrAdd(name, deployable =>
        new Lazy<ConfigurationKeys?>(() => Repository.ProjectOf(deployable) is { } project ? ForProject(project) : null)).Value;

    private static readonly ConcurrentDictionary<string, SyntaxTree> Trees = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<ConfigurationKeys?>> Deployables = new(StringComparer.Ordinal);

    /// <summary>The project file and every project file it references, directly or not.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value.Replace('\\', Path.DirectorySeparatorChar) ?? "";
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return seen;
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    public static ConfigurationKeys FromSyntax(IReadOnlyList<SyntaxTree> trees, IEnumerable<string> appsettingsFiles)
    {
        var reader = new SourceReader(trees);
        var keys = new List<string>(FrameworkKeys);
        keys.AddRange(reader.Keys());
        foreach (var json in appsettingsFiles)
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            Flatten(document.RootElement, "", keys);
        }

        return new ConfigurationKeys(keys);
    }

    private static bool IsExcluded(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative.StartsWith("src/AppHost/", StringComparison.Ordinal)
            || relative.StartsWith("src/Tools/", StringComparison.Ordinal)
            || relative.Contains("/bin/", StringComparison.Ordinal)
            || relative.Contains("/obj/", StringComparison.Ordinal);
    }

    private static void Flatten(JsonElement element, string prefix, List<string> keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            keys.Add(prefix);
            return;
        }

        foreach (var property in element.EnumerateObject().Where(property => property.Name != "//"))
        {
            Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", keys);
        }
    }

    /// <summary>Finds the configuration reads in the syntax trees and resolves their keys.</summary>
    private sealed class SourceReader(IReadOnlyList<SyntaxTree> trees)
    {
        private readonly Dictionary<string, List<FieldDeclarationSyntax>> constants = trees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>())
            .Where(field => field.Modifiers.Any(SyntaxKind.ConstKeyword))
            .SelectMany(field => field.Declaration.Variables.Select(variable => (variable.Identifier.Text, field)))
            .GroupBy(pair => pair.Text)
            .ToDictionary(group => group.Key, group => group.Select(pair => pair.field).ToList());

        private readonly Dictionary<string, List<TypeDeclarationSyntax>> types = trees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            .GroupBy(type => type.Identifier.Text)
            .ToDictionary(group => group.Key, group => group.ToList());

        public IEnumerable<string> Keys()
        {
            foreach (var node in trees.SelectMany(tree => tree.GetRoot().DescendantNodes()))
            {
                switch (node)
                {
                    case ElementAccessExpressionSyntax access when IsConfiguration(access.Expression)
                        && access.ArgumentList.Arguments.Count == 1
                        && Key(access.ArgumentList.Arguments[0].Expression, access) is { } key:
                        yield return key;
                        break;
                    case InvocationExpressionSyntax call when NameOf(call) is { } name && call.ArgumentList.Arguments.Count > 0:
                        var argument = Key(call.ArgumentList.Arguments[0].Expression, call);
                        if (argument is null)
                        {
                            break;
                        }

                        if (name == "GetValue" && IsConfiguration(Receiver(call)))
                        {
                            yield return argument;
                        }
                        else if (name == "GetConnectionString")
                        {
                            yield return $"ConnectionStrings:{argument}";
                        }
                        else if (name == "GetSection" && IsConfiguration(Receiver(call)))
                        {
                            foreach (var bound in BoundKeys(argument, BoundType(call)))
                            {
                                yield return bound;
                            }
                        }

                        break;
                }
            }
        }

        private static string? NameOf(InvocationExpressionSyntax call) => call.Expression switch
        {
            MemberAccessExpressionSyntax { Name: var name } => name.Identifier.Text,
            _ => null,
        };

        private static ExpressionSyntax? Receiver(InvocationExpressionSyntax call) =>
            (call.Expression as MemberAccessExpressionSyntax)?.Expression;

        private static bool IsConfiguration(ExpressionSyntax? expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.Text.EndsWith("onfiguration", StringComparison.Ordinal),
            MemberAccessExpressionSyntax member => member.Name.Identifier.Text.EndsWith("onfiguration", StringComparison.Ordinal),
            _ => false,
        };

        /// <summary>The options type a <c>GetSection(…)</c> is bound to, when the code binds it.</summary>
        private static string? BoundType(InvocationExpressionSyntax getSection)
        {
            // GetSection(...).Get<T>()
            if (getSection.Parent is MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.Text: "Get" } get })
            {
                return TypeName(get.TypeArgumentList.Arguments[0]);
            }

            // Configure<T>(GetSection(...)) or AddOptions<T>()....Bind(GetSection(...))
            if (getSection.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax outer } })
            {
                if (outer.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.Text: "Configure" } configure })
                {
                    return TypeName(configure.TypeArgumentList.Arguments[0]);
                }

                if (outer.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Bind" } bind)
                {
                    return bind.Expression.DescendantNodesAndSelf().OfType<GenericNameSyntax>()
                        .Where(name => name.Identifier.Text == "AddOptions")
                        .Select(name => TypeName(name.TypeArgumentList.Arguments[0]))
                        .FirstOrDefault();
                }
            }

            return null;
        }

        private static string TypeName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.Text,
            SimpleNameSyntax simple => simple.Identifier.Text,
            NullableTypeSyntax nullable => TypeName(nullable.ElementType),
            _ => type.ToString(),
        };

        /// <summary>A bound section: each settable property of its type, recursively; an unbound section is read whole.</summary>
        private IEnumerable<string> BoundKeys(string prefix, string? type)
        {
            if (type is null)
            {
                return [prefix, $"{prefix}:*"];
            }

            return PropertyKeys(prefix, type, depth: 0);
        }

        private IEnumerable<string> PropertyKeys(string prefix, string type, int depth)
        {
            if (depth > 5 || !types.TryGetValue(type, out var declarations))
            {
                yield return prefix;
                yield break;
            }

            foreach (var property in declarations.SelectMany(declaration => declaration.Members.OfType<PropertyDeclarationSyntax>())
                         .Where(property => property.Modifiers.Any(SyntaxKind.PublicKeyword)
                             && !property.Modifiers.Any(SyntaxKind.StaticKeyword)
                             && property.AccessorList?.Accessors.Any(accessor => accessor.IsKind(SyntaxKind.SetAccessorDeclaration)
                                 && !accessor.Modifiers.Any()) == true))
            {
                foreach (var key in ValueKeys($"{prefix}:{property.Identifier.Text}", property.Type, depth))
                {
                    yield return key;
                }
            }
        }

        private IEnumerable<string> ValueKeys(string prefix, TypeSyntax type, int depth)
        {
            switch (type)
            {
                case NullableTypeSyntax nullable:
                    return ValueKeys(prefix, nullable.ElementType, depth);
                case ArrayTypeSyntax array:
                    return ValueKeys($"{prefix}:#", array.ElementType, depth + 1);
                case GenericNameSyntax { Identifier.Text: "List" or "IList" or "IReadOnlyList" or "IEnumerable" or "HashSet" } list:
                    return ValueKeys($"{prefix}:#", list.TypeArgumentList.Arguments[0], depth + 1);
                case GenericNameSyntax { Identifier.Text: "Dictionary" or "IDictionary" or "IReadOnlyDictionary" } map:
                    return ValueKeys($"{prefix}:*", map.TypeArgumentList.Arguments[1], depth + 1);
                case PredefinedTypeSyntax:
                    return [prefix];
                default:
                    var name = TypeName(type);
                    return Scalars.Contains(name) || IsEnum(name) ? [prefix] : PropertyKeys(prefix, name, depth + 1);
            }
        }

        private bool IsEnum(string name) => trees.Any(tree => tree.GetRoot().DescendantNodes().OfType<EnumDeclarationSyntax>()
            .Any(declaration => declaration.Identifier.Text == name));

        /// <summary>
        /// A configuration key: what <see cref="Evaluate"/> gives, and also an interpolation whose unknown holes are whole
        /// segments after a known first one (<c>$"{Section}:{service.Key}"</c>), each hole then <c>*</c>, any one segment.
        /// </summary>
        private string? Key(ExpressionSyntax expression, SyntaxNode site)
        {
            if (Evaluate(expression, site) is { } known)
            {
                return known;
            }

            if (expression is not InterpolatedStringExpressionSyntax interpolated)
            {
                return null;
            }

            var contents = interpolated.Contents;
            var parts = new List<string>();
            for (var index = 0; index < contents.Count; index++)
            {
                var part = contents[index] switch
                {
                    InterpolatedStringTextSyntax text => text.TextToken.ValueText,
                    InterpolationSyntax hole => Evaluate(hole.Expression, site),
                    _ => null,
                };
                if (part is null)
                {
                    var segmentStart = index > 0 && parts[^1].EndsWith(':');
                    var segmentEnd = index == contents.Count - 1
                        || (contents[index + 1] is InterpolatedStringTextSyntax next && next.TextToken.ValueText.StartsWith(':'));
                    if (!segmentStart || !segmentEnd)
                    {
                        return null;
                    }

                    part = "*";
                }

                parts.Add(part);
            }

            var key = string.Concat(parts);
            return key.Split(':')[0] is "*" or "" ? null : key;
        }

        /// <summary>A string the expression always has: literals, constants (followed across types), nameof, interpolations of those.</summary>
        private string? Evaluate(ExpressionSyntax expression, SyntaxNode site, int depth = 0)
        {
            if (depth > 10)
            {
                return null;
            }

            switch (expression)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    return literal.Token.ValueText;
                case InterpolatedStringExpressionSyntax interpolated:
                    var parts = interpolated.Contents.Select(content => content switch
                    {
                        InterpolatedStringTextSyntax text => text.TextToken.ValueText,
                        InterpolationSyntax hole => Evaluate(hole.Expression, site, depth + 1),
                        _ => null,
                    }).ToList();
                    return parts.Any(part => part is null) ? null : string.Concat(parts);
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } nameOf:
                    return nameOf.ArgumentList.Arguments[0].Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.Text,
                        IdentifierNameSyntax identifier => identifier.Identifier.Text,
                        _ => null,
                    };
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    return Evaluate(binary.Left, site, depth + 1) is { } left && Evaluate(binary.Right, site, depth + 1) is { } right
                        ? left + right : null;
                case IdentifierNameSyntax identifier:
                    return Constant(identifier.Identifier.Text, EnclosingType(site), depth);
                case MemberAccessExpressionSyntax member:
                    return Constant(member.Name.Identifier.Text, TypeName(member.Expression), depth);
                default:
                    return null;
            }
        }

        private string? Constant(string name, string? owner, int depth)
        {
            if (!constants.TryGetValue(name, out var fields))
            {
                return null;
            }

            // The constant of that name in the named type; else the only one of that name.
            var field = fields.FirstOrDefault(candidate => EnclosingType(candidate) == owner)
                ?? (fields.Count == 1 ? fields[0] : null);
            var variable = field?.Declaration.Variables.First(v => v.Identifier.Text == name);
            return variable?.Initializer is { } initializer ? Evaluate(initializer.Value, field!, depth + 1) : null;
        }

        private static string TypeName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.Text,
            IdentifierNameSyntax identifier => identifier.Identifier.Text,
            _ => expression.ToString(),
        };

        private static string? EnclosingType(SyntaxNode node) =>
            node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text;
    }
}
