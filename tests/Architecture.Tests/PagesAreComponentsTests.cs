using System.Text.RegularExpressions;

namespace TitleReview.Architecture.Tests;

/// <summary>
/// Issue #15: no HTML is built by string concatenation in the services any more. Pages are Razor components
/// (src/BackOffice and each service's .razor files), which encode every value they show; a string literal holding a
/// tag in C# is how the old pages were written, and how an unencoded value slips back in.
/// </summary>
public sealed partial class PagesAreComponentsTests
{
    private static readonly string[] CodeRoots = ["Services", "ServiceDefaults", "Web", "Gateway", "IdentityProvider", "EventStore"];

    [Fact]
    public void No_C_sharp_source_writes_HTML_tags_in_string_literals()
    {
        var root = Layers.RepositoryRoot;
        var offenders = CodeRoots
            .Select(folder => Path.Combine(root, "src", folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(found => WritesMarkup(found.line))
            .Select(found => $"{Path.GetRelativePath(root, found.path)}:{found.index + 1}: {found.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "HTML in C# string literals (write a Razor component instead):\n" + string.Join("\n", offenders.Take(40)));
    }

    [Theory]
    [InlineData("html.Append(\"<p class=\\\"ok\\\">\").Append(E(name));", true)]
    [InlineData("var row = $\"<tr><td>{name}</td></tr>\";", true)]
    [InlineData("return \"<svg xmlns=\\\"http://www.w3.org/2000/svg\\\">\";", true)]
    [InlineData("// the <summary> of a doc comment", false)]
    [InlineData("if (a < b && c > d) { }", false)]
    [InlineData("new Bilingual(\"金额须大于 0。\", \"The amount must be > 0 and < 1000.\")", false)]
    public void The_check_finds_tags_in_literals_and_nothing_else(string line, bool expected) =>
        Assert.Equal(expected, WritesMarkup(line));

    private static bool WritesMarkup(string line) => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && TagInLiteral().IsMatch(line);

    [GeneratedRegex("\"[^\"]*<(html|head|body|p|div|table|tr|td|th|a|form|input|h[1-6]|ul|ol|li|span|nav|section|svg|rect|text|button|label|select|option|textarea|pre|strong|em|br|meta|title|style|details|summary|time|dl|dt|dd|code|small|progress|figure|thead|tbody)[ >/\\\\]")]
    private static partial Regex TagInLiteral();
}
