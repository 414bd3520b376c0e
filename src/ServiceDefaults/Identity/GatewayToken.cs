using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// The identity the gateway forwards to the services for a person signed in at the gateway: a short-lived JWT in
/// <c>Authorization: Bearer</c>, signed ES256 with the gateway's private key. Services check it with the public key
/// only, so a service (or anyone who reads a service's configuration) can verify but never mint one.
/// </summary>
public static class GatewayToken
{
    /// <summary>The services' authentication scheme for the gateway's token.</summary>
    public const string Scheme = "Gateway";

    public const string Issuer = "titlereview-gateway";
    public const string Audience = "titlereview-services";
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>Claim names on the wire (JWT); services map them to <see cref="System.Security.Claims.ClaimTypes"/>.</summary>
    public const string DisplayNameClaim = "display_name";
    public const string RoleClaim = "role";

    /// <summary>A token lives this long at most; the services refuse longer-lived ones, whoever signed them.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The gateway's private key (PKCS#8 PEM).</summary>
    public const string PrivateKeySetting = "Gateway:Signing:PrivateKeyPem";

    /// <summary>The gateway's public key (SPKI PEM), in each service.</summary>
    public const string PublicKeySetting = "Auth:Gateway:PublicKeyPem";

    /// <summary>The configured key, or in Development with nothing configured the well-known development key; else null.</summary>
    public static ECDsaSecurityKey? PublicKey(IConfiguration configuration, bool isDevelopment) =>
        Load(configuration[PublicKeySetting], isDevelopment ? DevelopmentGatewayKeys.PublicKeyPem : null);

    public static ECDsaSecurityKey? PrivateKey(IConfiguration configuration, bool isDevelopment) =>
        Load(configuration[PrivateKeySetting], isDevelopment ? DevelopmentGatewayKeys.PrivateKeyPem : null);

    private static ECDsaSecurityKey? Load(string? configured, string? developmentFallback)
    {
        var pem = string.IsNullOrWhiteSpace(configured) ? developmentFallback : configured;
        if (pem is null)
        {
            return null;
        }

        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            throw new InvalidOperationException("The gateway's key must be an EC P-256 key (ES256).");
        }

        return new ECDsaSecurityKey(key) { KeyId = "gateway" };
    }
}

/// <summary>
/// DEVELOPMENT ONLY, like the <c>dev-key-&lt;role&gt;</c> API keys: a well-known P-256 key pair the gateway and the
/// services fall back to when the environment is Development and no key is configured, so <c>run.sh</c> and the tests
/// need no setup. It is public (it is in this repository): outside Development it is never used — the gateway refuses
/// to start without <see cref="GatewayToken.PrivateKeySetting"/>, and a service without
/// <see cref="GatewayToken.PublicKeySetting"/> accepts no gateway token.
/// </summary>
public static class DevelopmentGatewayKeys
{
    public const string PrivateKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6XLu+90vtiPHroaQ
        LRo4w56+n4zlivsUe4C+1wO7RPahRANCAARfyigyNB21DuBvysvjAEmCjoLhMqU4
        X5g/5l1KVvDH50uaXgotGDKsTvbxPSCiu0gY7q1HMIb4KenRvmLAPEZ+
        -----END PRIVATE KEY-----
        """;

    public const string PublicKeyPem = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEX8ooMjQdtQ7gb8rL4wBJgo6C4TKl
        OF+YP+ZdSlbwx+dLml4KLRgyrE728T0gortIGO6tRzCG+Cnp0b5iwDxGfg==
        -----END PUBLIC KEY-----
        """;
}
