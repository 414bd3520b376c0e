using System.Security.Cryptography;
using System.Text.Json;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>
/// A portal's <c>Idempotency-Key</c> for one submission: the same key with the same body gets the same answer (the
/// application already created), the same key with another body is a 409. Stored with the application in one
/// transaction, keyed by client and key, so two identical requests racing each other create one application.
/// </summary>
public sealed class SubmissionKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 100;

    public string Id { get; set; } = "";
    public string BodySha256 { get; set; } = "";
    public Guid ApplicationId { get; set; }

    public static string IdOf(string client, string key) => $"{client}:{key}";

    /// <summary>The hash of the request as understood (not as spelled): whitespace or property order do not make it another body.</summary>
    public static string HashOf(SubmitApplicationRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
}
