using System.Reflection;

namespace TitleReview.Architecture.Tests;

/// <summary>
/// Contracts and the domain hold no process-wide mutable state: cycles and calendars reach code through injected
/// catalogues, so two hosts in one process (tests, a second instance) never see each other's configuration.
/// </summary>
public sealed class StaticStateTests
{
    /// <summary>Static fields that can change after start-up: not const, not readonly (compiler-generated caches aside).</summary>
    internal static IReadOnlyList<string> MutableStatics(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(type => !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false))
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(field => !field.IsLiteral && !field.IsInitOnly && !field.Name.Contains('<', StringComparison.Ordinal))
                .Select(field => $"{type.FullName}.{field.Name}"))];

    [Fact]
    public void Contracts_and_the_domain_keep_no_mutable_static_state()
    {
        Assert.Empty(MutableStatics(Layers.Contracts));
        Assert.Empty(MutableStatics(Layers.Domain));
    }

    private static class Registry
    {
        // A breach on purpose: what the static cycle registry used to be.
        private static int loaded;

        public static int Loaded => loaded++;
    }

    [Fact]
    public void The_static_state_check_finds_a_mutable_static_field()
    {
        Assert.Contains(typeof(Registry).FullName + ".loaded", MutableStatics(typeof(StaticStateTests).Assembly));
    }
}
