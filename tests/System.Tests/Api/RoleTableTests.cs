using System.Text;

namespace TitleReview.SystemTests.Api;

/// <summary>
/// The README's role table is the one generated from the route tables, and every endpoint has a role decision:
/// public (AllowAnonymous) or named roles. An endpoint that only needs "someone signed in" fails here.
/// Regenerate with TITLEREVIEW_UPDATE_README=1.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RoleTableTests(SystemFixture system)
{
    [Fact]
    public void Every_endpoint_is_public_or_names_its_roles()
    {
        var undecided = RoleTable.Rows(ApiServices.Of(system)).Where(row => !row.HasDecision).Select(row => $"{row.Service} {row.Method} {row.Path}").ToList();
        Assert.True(undecided.Count == 0, "No role decision (neither AllowAnonymous nor RequireRoles): " + string.Join(", ", undecided));
    }

    [Fact]
    public async Task The_readme_role_table_is_the_one_the_route_tables_produce()
    {
        var generated = RoleTable.Markdown(RoleTable.Rows(ApiServices.Of(system)));
        var readmePath = Path.Combine(ApiServices.RepositoryRoot(), "README.md");
        var readme = await File.ReadAllTextAsync(readmePath);
        var begin = readme.IndexOf(RoleTable.Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(RoleTable.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"README.md has no role table between '{RoleTable.Begin}' and '{RoleTable.End}'.");
        var committed = readme[(begin + RoleTable.Begin.Length)..end].Trim('\n');

        if (Environment.GetEnvironmentVariable("TITLEREVIEW_UPDATE_README") == "1")
        {
            await File.WriteAllTextAsync(readmePath, readme[..(begin + RoleTable.Begin.Length)] + "\n" + generated + readme[end..], new UTF8Encoding(false));
            return;
        }

        await File.WriteAllTextAsync(Path.Combine(ApiServices.ResultsDirectory("."), "role-table.md"), generated);
        Assert.True(committed == generated.TrimEnd('\n'), "README.md's role table differs from the route tables (expected in TestResults/role-table.md; TITLEREVIEW_UPDATE_README=1 rewrites it).");
    }
}
