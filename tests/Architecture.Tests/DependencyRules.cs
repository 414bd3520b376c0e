using System.Reflection;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace TitleReview.Architecture.Tests;

/// <summary>
/// The rules themselves, as functions returning what breaks them, so each test can show both that the real code keeps
/// a rule and that the same check finds a breach when one exists (a check that cannot fail would prove nothing).
/// </summary>
internal static class DependencyRules
{
    /// <summary>Types in <paramref name="assembly"/> that depend (in their IL: fields, signatures, calls) on any of <paramref name="namespaces"/>.</summary>
    public static IReadOnlyList<string> TypesDependingOn(Assembly assembly, IEnumerable<string> namespaces)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny([.. namespaces]).GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }

    /// <summary>The other services a service's code depends on: each service talks to the others only through events and HTTP.</summary>
    public static IReadOnlyList<string> OtherServicesUsedBy(string service, Assembly assembly) =>
        [.. Layers.Services.Keys.Where(other => other != service)
            .Where(other => assembly.GetReferencedAssemblies().Any(reference => reference.Name == other)
                || TypesDependingOn(assembly, [other + "."]).Count > 0)];

    /// <summary>Package references to the ledger and broker libraries in a project file's text.</summary>
    public static IReadOnlyList<string> LedgerPackagesIn(string projectFileText) =>
        [.. XDocument.Parse(projectFileText).Descendants("PackageReference")
            .Select(reference => (string?)reference.Attribute("Include") ?? "")
            .Where(name => Layers.LedgerPackages.Contains(name, StringComparer.OrdinalIgnoreCase))];
}
