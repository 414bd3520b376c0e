using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TitleReview.Testing;

/// <summary>
/// axe-core in the page, as a person's browser shows it: no serious or critical violation on any page (WCAG 2.1 AA
/// contrast, names of controls, landmarks…). Every finding is written beside the screenshots, so a failure says where.
/// </summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// <paramref name="alsoForbidden"/>: rule ids that fail the page at any impact (a moderate finding already fixed
    /// there, such as landmark-one-main), read from the same run: no second axe pass.
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string name, params string[] alsoForbidden)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            // Only the violations come back with their nodes: the passes of a long page (every table cell's contrast) took
            // most of the ~10 s a run cost on a busy machine, and nothing reads them.
            ResultTypes = [ResultType.Violations],
        });
        var findings = result.Violations
            .Select(v => new { v.Id, v.Impact, v.Help, Nodes = v.Nodes.Select(n => new { Target = n.Target?.ToString(), n.Html }).ToList() })
            .ToList();
        await File.WriteAllTextAsync(Browser.ScreenshotPath($"axe-{name}.json"),
            JsonSerializer.Serialize(new { page = page.Url, findings }, Indented));

        var blocking = findings.Where(f => Blocking.Contains(f.Impact) || alsoForbidden.Contains(f.Id)).ToList();
        Assert.True(blocking.Count == 0,
            $"axe found {blocking.Count} serious or critical violation(s){(alsoForbidden.Length > 0 ? $" or finding(s) of {string.Join(", ", alsoForbidden)}" : "")} on {page.Url}:\n" +
            string.Join("\n", blocking.Select(f => $"- {f.Id} ({f.Impact}): {f.Help}\n    " + string.Join("\n    ", f.Nodes.Take(5).Select(n => $"{n.Target} {n.Html}")))));
    }
}
