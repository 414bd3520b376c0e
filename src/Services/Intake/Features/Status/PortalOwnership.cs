using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.Features.Status;

/// <summary>
/// A portal client sees and changes only the applications it submitted; another client's application answers 404, as
/// if it did not exist. Admins see all.
/// </summary>
public static class PortalOwnership
{
    public static bool MayAccess(HttpContext http, ApplicationFile file) =>
        http.User.IsInRole(Roles.Admin) || string.IsNullOrEmpty(file.SubmittedBy) || file.SubmittedBy == LedgerSessions.ActingFor(http).UserId;
}
