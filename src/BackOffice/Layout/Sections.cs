using System.Security.Claims;

namespace TitleReview.BackOffice.Layout;

/// <summary>One part of the back office in the top navigation, and the roles that work in it (admins see every part).</summary>
public sealed record Section(string Href, string Label, params string[] Roles);

/// <summary>
/// The back office's parts, in the order of an application's life. The role names are the services' own
/// (ServiceDefaults' <c>Roles</c>; Architecture.Tests checks they agree): this library sits below ServiceDefaults.
/// </summary>
public static class Sections
{
    public const string Admin = "admin";

    /// <summary>The claim every sign-in puts the person's name in (ServiceDefaults' <c>GatewayToken.DisplayNameClaim</c>).</summary>
    public const string DisplayNameClaim = "display_name";

    public static readonly IReadOnlyList<Section> All =
    [
        new("/review", "申报审核", "reviewer"),
        new("/committee", "评审会议", "committee-secretary"),
        new("/publicity-desk", "公示管理", "publicity-officer"),
        new("/finance", "财务对账", "finance"),
        new("/audit", "审计查询", "auditor"),
    ];

    /// <summary>Chinese names of the roles, for the header ("王审核 · 审核员").</summary>
    public static readonly IReadOnlyDictionary<string, string> RoleNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["portal"] = "申报端",
        ["reviewer"] = "审核员",
        ["committee-secretary"] = "评审会秘书",
        ["publicity-officer"] = "公示专员",
        ["finance"] = "财务",
        ["auditor"] = "审计员",
        [Admin] = "系统管理员",
    };

    public static IEnumerable<Section> For(ClaimsPrincipal user) =>
        All.Where(section => user.IsInRole(Admin) || section.Roles.Any(user.IsInRole));

    public static string RolesOf(ClaimsPrincipal user) =>
        string.Join("、", user.FindAll(ClaimTypes.Role).Select(role => RoleNames.GetValueOrDefault(role.Value, role.Value)).Distinct());

    /// <summary>The person's name as signed in: the display name the sign-in gave, else the user id.</summary>
    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirst(DisplayNameClaim)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "";
}
