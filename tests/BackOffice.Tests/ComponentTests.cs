using System.Reflection;
using System.Security.Claims;
using TitleReview.BackOffice.Components;
using TitleReview.BackOffice.Layout;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.BackOffice.Tests;

public sealed class ComponentTests
{
    [Fact]
    public void The_navigation_names_only_roles_the_services_know()
    {
        Assert.All(Sections.All.SelectMany(section => section.Roles), role => Assert.Contains(role, Roles.All));
        Assert.Equal(Roles.Admin, Sections.Admin);
        Assert.Equal(Roles.All.Order(), Sections.RoleNames.Keys.Order());
    }

    [Fact]
    public void The_header_reads_the_name_from_the_claim_every_sign_in_writes()
    {
        Assert.Equal(GatewayToken.DisplayNameClaim, Sections.DisplayNameClaim);
        var signedIn = new ClaimsPrincipal(new ClaimsIdentity(
            [new(ClaimTypes.Name, "reviewer-wang"), new(GatewayToken.DisplayNameClaim, "王审核")], "test"));
        Assert.Equal("王审核", Sections.DisplayName(signedIn));
        var withoutName = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "reviewer-wang")], "test"));
        Assert.Equal("reviewer-wang", Sections.DisplayName(withoutName));
    }

    [Fact]
    public void Each_back_office_role_but_the_portal_has_a_part_to_work_in()
    {
        var people = Roles.All.Except([Roles.Portal, Roles.Admin]);
        Assert.All(people, role => Assert.Contains(Sections.All, section => section.Roles.Contains(role)));
    }

    [Theory]
    [InlineData(1, 20, 0, "")]
    [InlineData(1, 20, 5, "共 5 条，第 1 / 1 页")]
    [InlineData(3, 20, 100, "共 100 条，第 3 / 5 页")]
    [InlineData(1, 20, long.MaxValue, "第 1 / 2147483647 页")]
    public async Task The_pager_says_where_the_reader_is(int page, int size, long total, string expected)
    {
        var html = await Render.HtmlAsync<Pager>(new()
        {
            [nameof(Pager.Page)] = page,
            [nameof(Pager.Size)] = size,
            [nameof(Pager.Total)] = total,
            [nameof(Pager.Href)] = (Func<int, string>)(n => $"/review?page={n}"),
        });

        if (expected.Length == 0)
        {
            Assert.Equal("", html.Trim());
            return;
        }

        Assert.Contains(expected, html);
        Assert.Contains($"aria-current=\"page\">{page}<", html);
        Assert.Equal(page > 1, html.Contains("上一页", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Tone.Success, "✓")]
    [InlineData(Tone.Danger, "✗")]
    [InlineData(Tone.Warning, "!")]
    public async Task A_badge_carries_a_mark_and_text_besides_its_colour(Tone tone, string mark)
    {
        var html = await Render.HtmlAsync<StatusBadge>(new() { [nameof(StatusBadge.Text)] = "已缴费", [nameof(StatusBadge.Tone)] = tone });
        Assert.Contains($"badge-{tone.ToString().ToLowerInvariant()}", html);
        Assert.Contains($"{mark} 已缴费", html);
    }

    [Fact]
    public async Task Times_are_shown_in_Beijing_time_to_the_minute()
    {
        var html = await Render.HtmlAsync<BeijingTime>(new() { [nameof(BeijingTime.Value)] = (DateTimeOffset?)new DateTimeOffset(2023, 6, 30, 16, 5, 0, TimeSpan.Zero) });
        Assert.Contains(">2023-07-01 00:05</time>", html);
    }

    [Fact]
    public async Task A_timeline_encodes_what_people_typed()
    {
        var html = await Render.HtmlAsync<Timeline>(new()
        {
            [nameof(Timeline.Entries)] = new[] { new TimelineEntry(DateTimeOffset.UnixEpoch, "退回修改", "<img src=x onerror=alert(1)>", ["<script>x</script>"]) },
        });

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("退回修改", html);
    }

    [Fact]
    public void Every_component_parameter_is_a_public_property()
    {
        var parameters = typeof(Pager).Assembly.GetTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(property => property.GetCustomAttribute<Microsoft.AspNetCore.Components.ParameterAttribute>() is not null);
        Assert.All(parameters, property => Assert.True(property.GetMethod!.IsPublic, $"{property.DeclaringType}.{property.Name}"));
    }
}
