namespace TitleReview.ServiceDefaults.Identity;

/// <summary>Who may do what. The portal is a machine client; the rest are back-office people (design.md, users).</summary>
public static class Roles
{
    public const string Portal = "portal";
    public const string Reviewer = "reviewer";
    public const string CommitteeSecretary = "committee-secretary";
    public const string PublicityOfficer = "publicity-officer";
    public const string Finance = "finance";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Portal, Reviewer, CommitteeSecretary, PublicityOfficer, Finance, Auditor, Admin];
}
