using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.SystemTests;

/// <summary>One protected endpoint or page and the roles it accepts (admin always). Effects: calling it as an allowed role changes state that other tests read, so only refusals are checked.</summary>
public sealed record ProtectedEndpoint(string Service, string Method, string Path, string[] Allowed, bool Effects = false)
{
    public bool IsPage => !Path.StartsWith("/api", StringComparison.Ordinal) && !Path.StartsWith("/openapi", StringComparison.Ordinal);

    public bool TakesForm => Method == "POST" && (Path.EndsWith("/revocation", StringComparison.Ordinal) || Path.EndsWith("/refunds", StringComparison.Ordinal)
        || Path.EndsWith("/statements", StringComparison.Ordinal));

    public override string ToString() => $"{Method} {Service}{Path}";
}

/// <summary>Every page and endpoint that needs a role, with the roles that may use it: the matrix the authorization tests walk.</summary>
public static class AuthorizationMatrix
{
    private static readonly Guid Any = Guid.Parse("3f0c2d9a-4b7e-4c1a-9d2e-5a6b7c8d9e0f");
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] CertificateReaders = [Roles.Portal, Roles.CommitteeSecretary, Roles.Auditor];

    public static readonly ProtectedEndpoint[] Endpoints =
    [
        new("intake", "POST", "/api/applications", [Roles.Portal]),
        new("intake", "GET", $"/api/applications/{Any}", [Roles.Portal]),
        new("intake", "POST", $"/api/applications/{Any}/resubmission", [Roles.Portal]),
        new("intake", "POST", $"/api/applications/{Any}/withdrawal", [Roles.Portal]),
        new("intake", "GET", "/api/applications/by-id-number?idNumber=320200199001011235", [Roles.Auditor]),
        new("intake", "PUT", $"/api/applications/{Any}", [Roles.Portal]),
        new("intake", "POST", "/api/attachments", [Roles.Portal]),
        new("intake", "GET", $"/api/attachments/{Any}", [Roles.Portal, Roles.Reviewer, Roles.Auditor]),
        new("intake", "POST", "/api/integrity-register/imports", []),
        new("intake", "POST", "/api/refused-materials/imports", []),

        new("review", "GET", "/api/review/queue", [Roles.Reviewer]),
        new("review", "GET", $"/api/review/queue/{Any}", [Roles.Reviewer]),
        new("review", "POST", $"/api/review/applications/{Any}/claim", [Roles.Reviewer]),
        new("review", "POST", $"/api/review/applications/{Any}/revision", [Roles.Reviewer]),
        new("review", "POST", $"/api/review/applications/{Any}/rejection", [Roles.Reviewer]),
        new("review", "POST", $"/api/review/applications/{Any}/final-approval", [Roles.Reviewer]),
        new("review", "POST", "/api/committee/decisions", [Roles.CommitteeSecretary]),
        new("review", "POST", "/api/committee/meetings", [Roles.CommitteeSecretary]),
        new("review", "GET", "/api/committee/meetings", [Roles.CommitteeSecretary]),
        new("review", "GET", $"/api/committee/meetings/{Any}", [Roles.CommitteeSecretary]),
        new("review", "GET", $"/api/committee/meetings/{Any}/agenda", [Roles.CommitteeSecretary]),
        new("review", "POST", $"/api/committee/meetings/{Any}/votes", [Roles.CommitteeSecretary]),
        new("review", "GET", $"/api/committee/meetings/{Any}/minutes", [Roles.CommitteeSecretary]),
        new("review", "GET", "/openapi/v1.json", Everyone),
        new("publicity", "GET", "/openapi/v1.json", Everyone),
        new("payment", "GET", "/openapi/v1.json", Everyone),
        new("certificate", "GET", "/openapi/v1.json", Everyone),
        new("audit", "GET", "/openapi/v1.json", Everyone),
        new("review", "GET", "/review", [Roles.Reviewer]),
        new("review", "GET", $"/review/applications/{Any}", [Roles.Reviewer]),
        new("review", "GET", $"/review/applications/{Any}/attachments/{Any}", [Roles.Reviewer]),
        new("review", "GET", "/committee", [Roles.CommitteeSecretary]),
        new("review", "GET", $"/committee/meetings/{Any}", [Roles.CommitteeSecretary]),

        new("publicity", "GET", "/api/publicity/pending", [Roles.PublicityOfficer]),
        new("publicity", "POST", "/api/publicity/notices", [Roles.PublicityOfficer], Effects: true),
        new("publicity", "GET", "/api/publicity/objections", [Roles.PublicityOfficer]),
        new("publicity", "POST", $"/api/publicity/objections/{Any}/resolution", [Roles.PublicityOfficer]),
        new("publicity", "POST", "/api/working-days/calendar-years", []),
        new("publicity", "GET", "/publicity-desk", [Roles.PublicityOfficer]),
        new("publicity", "GET", "/publicity-desk/objections", [Roles.PublicityOfficer]),

        new("payment", "POST", "/api/payments", [Roles.Finance]),
        new("payment", "POST", "/api/payments/refunds", [Roles.Finance]),
        new("payment", "GET", "/api/payments/awaiting-calendar", [Roles.Finance]),
        new("payment", "POST", "/api/reconciliation/statements", [Roles.Finance]),
        new("payment", "GET", "/api/reconciliation/statements", [Roles.Finance]),
        new("payment", "GET", "/finance", [Roles.Finance]),

        new("certificate", "GET", $"/api/certificates/by-application/{Any}", CertificateReaders),
        new("certificate", "GET", "/api/certificates/XSGC-2023-Z-99999/pdf", CertificateReaders),
        new("certificate", "GET", "/api/certificates/XSGC-2023-Z-99999/application-form", CertificateReaders),
        new("certificate", "POST", "/api/certificates/XSGC-2023-Z-99999/revocation", []),

        new("audit", "GET", "/api/audit/applications", [Roles.Auditor]),
        new("audit", "GET", $"/api/audit/applications/{Any}/events", [Roles.Auditor]),
        new("audit", "GET", $"/api/audit/applications/{Any}/events/export?format=csv", [Roles.Auditor]),
        new("audit", "GET", $"/api/audit/applications/{Any}/state?version=1", [Roles.Auditor]),
        new("audit", "GET", $"/api/audit/applications/{Any}/verification", [Roles.Auditor]),
        new("audit", "POST", "/api/audit/verifications", [Roles.Auditor]),
        new("audit", "GET", "/api/audit/verifications", [Roles.Auditor]),
        new("audit", "GET", $"/api/audit/verifications/{Any}", [Roles.Auditor]),
        new("audit", "GET", $"/api/audit/verifications/{Any}/findings/export", [Roles.Auditor]),
        new("audit", "POST", "/api/audit/seals", [Roles.Auditor]),
        new("audit", "GET", "/api/audit/seals", [Roles.Auditor]),
        new("audit", "POST", "/api/audit/seals/check", [Roles.Auditor]),
        new("audit", "GET", "/audit", [Roles.Auditor]),
        new("audit", "GET", $"/audit/applications/{Any}", [Roles.Auditor]),
        new("audit", "GET", "/audit/verifications", [Roles.Auditor]),
    ];

    /// <summary>Every endpoint with every role and with nobody ("anonymous").</summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var caller in Roles.All.Append("anonymous"))
            {
                cases.Add(endpoint.ToString(), caller);
            }
        }

        return cases;
    }

    public static ProtectedEndpoint Find(string name) => Endpoints.Single(e => e.ToString() == name);
}
