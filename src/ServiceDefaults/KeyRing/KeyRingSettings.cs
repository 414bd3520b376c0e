namespace TitleReview.ServiceDefaults.KeyRing;

/// <summary>How the shared key ring is protected at rest: section <c>DataProtection</c>.</summary>
public sealed class KeyRingSettings
{
    public const string Section = "DataProtection";

    /// <summary>The certificate every new key is encrypted to before it is stored; its private key decrypts them.</summary>
    public KeyCertificateSettings Certificate { get; set; } = new();

    /// <summary>
    /// Certificates replaced by <see cref="Certificate"/>: keys encrypted to them stay readable (cookies issued
    /// before a rotation stay valid) until those keys expire, after 90 days.
    /// </summary>
    public List<KeyCertificateSettings> PreviousCertificates { get; set; } = [];

    /// <summary>
    /// Outside Development a service refuses to start without <see cref="Certificate"/>; <c>true</c> lets it start
    /// with keys in clear text (a warning is logged), for an environment whose database holds nothing worth forging.
    /// </summary>
    public bool AllowUnprotectedKeys { get; set; }
}

/// <summary>
/// A certificate with its RSA private key: a PKCS#12 file (<c>Path</c> and <c>Password</c>), or PEM files
/// (<c>Path</c> the certificate, <c>KeyPath</c> the key, <c>Password</c> if the key is encrypted), e.g. the
/// <c>tls.crt</c> and <c>tls.key</c> of a Kubernetes TLS secret mounted as files.
/// </summary>
public sealed class KeyCertificateSettings
{
    public string? Path { get; set; }

    public string? KeyPath { get; set; }

    public string? Password { get; set; }
}
