namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// Who caused a change and because of what: written into every event's metadata so the ledger answers
/// "who did what, when, and because of which message" without any service's own tables.
/// </summary>
public sealed record ActingContext(string UserId, string Role, string CorrelationId, string? CausationId)
{
    public const string UserIdHeader = "user-id";
    public const string RoleHeader = "user-role";
    public const string ServiceHeader = "service";

    public static ActingContext System(string job, string correlationId, string? causationId = null) =>
        new($"system:{job}", "system", correlationId, causationId);
}
