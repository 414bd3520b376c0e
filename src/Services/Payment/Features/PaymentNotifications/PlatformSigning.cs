using System.Security.Cryptography;
using System.Text;

namespace TitleReview.Payment.Features.PaymentNotifications;

/// <summary>
/// The payment platform signs each notification: HMAC-SHA256 with the shared secret over "{timestamp}.{body}",
/// hex in <c>X-Signature</c>, Unix seconds in <c>X-Timestamp</c>. Signing the timestamp with the body is what makes
/// an old notification impossible to replay with a fresh timestamp.
/// </summary>
public sealed class PlatformSigning
{
    public const string Section = "Payment:Platform";
    public const string SignatureHeader = "X-Signature";
    public const string TimestampHeader = "X-Timestamp";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>The shared secret. Never in appsettings.json; development has a marked one in appsettings.Development.json.</summary>
    public string SigningSecret { get; set; } = "";

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var payload = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    public bool Verifies(string? timestamp, string? signature, byte[] body, DateTimeOffset now)
    {
        if (SigningSecret.Length < 16 || timestamp is null || signature is null || !long.TryParse(timestamp, out var seconds))
        {
            return false;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        if ((now - signedAt).Duration() > MaxAge)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(Sign(SigningSecret, timestamp, body)));
    }
}
