using System.Security.Claims;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Gateway.Home;

/// <summary>A back-office desk: where its pages start and what people call it.</summary>
public sealed record Desk(string Href, string Label, string Role);

public static class Desks
{
    public static readonly IReadOnlyList<Desk> All =
    [
        new("/review", "审核", Roles.Reviewer),
        new("/committee", "评审会", Roles.CommitteeSecretary),
        new("/publicity-desk", "公示", Roles.PublicityOfficer),
        new("/finance", "财务", Roles.Finance),
        new("/audit", "审计", Roles.Auditor),
    ];

    /// <summary>The desks the person's roles open; an admin may do everything, so sees every desk.</summary>
    public static IReadOnlyList<Desk> For(ClaimsPrincipal person) =>
        person.IsInRole(Roles.Admin) ? All : [.. All.Where(desk => person.IsInRole(desk.Role))];
}
