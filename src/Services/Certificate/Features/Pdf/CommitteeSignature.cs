using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace TitleReview.Certificate.Features.Pdf;

public sealed class SigningOptions
{
    public const string Section = "Certificate:Signing";

    /// <summary>The committee's signing certificate with its private key: PKCS#12 (.pfx, .p12) or PEM. Other certificates in the file (the issuing CA's) go into each signature.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM only: the private key's file, when it is not in <see cref="CertificatePath"/> itself.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 password, or that of an encrypted PEM key. Give it from a secret (environment variable Certificate__Signing__Password), never in a committed appsettings file.</summary>
    public string? Password { get; set; }
}

/// <summary>
/// The committee's signature on every PDF this service prints (PDF signature, adbe.pkcs7.detached, SHA-256), so that
/// a holder's employer can check offline, in Adobe Reader or with poppler's pdfsig, that the file is the one the
/// committee issued. Outside Development the committee's certificate must be configured; in Development a self-signed
/// certificate is made at start, named and printed as not trustworthy.
/// </summary>
public sealed class CommitteeSignature
{
    public const string DevelopmentSubject = "CN=TitleReview DEVELOPMENT signing certificate - not for production";

    /// <summary>Printed on every page signed with the development certificate.</summary>
    public const string DevelopmentNotice = "开发环境签名：自签名测试证书，不能证明真伪 / DEVELOPMENT signature: self-signed test certificate, not trustworthy";

    private readonly X509Certificate2 certificate;
    private readonly X509Certificate2Collection issuers;

    private CommitteeSignature(X509Certificate2 certificate, X509Certificate2Collection issuers, bool development)
    {
        this.certificate = certificate;
        this.issuers = issuers;
        Development = development;
    }

    public bool Development { get; }

    public string Subject => certificate.Subject;

    /// <summary>Signs <paramref name="document"/> when it is saved: PDFsharp leaves the byte-range placeholder, <see cref="CmsDetachedSigner"/> fills it.</summary>
    public void Sign(PdfDocument document, string reason) =>
        DigitalSignatureHandler.ForDocument(document, new CmsDetachedSigner(certificate, issuers), new DigitalSignatureOptions
        {
            Reason = Development ? $"{reason}（{DevelopmentNotice}）" : reason,
            Location = "",
            ContactInfo = "",
            AppName = "TitleReview",
        });

    /// <summary>Read once at start: a missing, unreadable or key-less certificate stops the service with the reason, rather than printing unsigned PDFs.</summary>
    public static CommitteeSignature Load(SigningOptions options, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return environment.IsDevelopment()
                ? new CommitteeSignature(CreateDevelopmentCertificate(), [], development: true)
                : throw new InvalidOperationException(
                    $"{SigningOptions.Section}:CertificatePath is not set in {environment.EnvironmentName}. Certificate PDFs carry the committee's digital signature: " +
                    $"set it to the committee's signing certificate with its private key (PKCS#12 .pfx, or PEM with {SigningOptions.Section}:KeyPath) and " +
                    $"{SigningOptions.Section}:Password from a secret. A self-signed development certificate is made only in Development.");
        }

        var (signing, issuers) = Read(options);
        var problem = !signing.HasPrivateKey ? "holds no private key"
            : signing.NotAfter < DateTime.Now ? $"expired on {signing.NotAfter:yyyy-MM-dd}"
            : signing.NotBefore > DateTime.Now ? $"is not valid before {signing.NotBefore:yyyy-MM-dd}"
            : signing.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
              && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0 ? "is not for digital signatures (key usage)"
            : null;
        return problem is null
            ? new CommitteeSignature(signing, issuers, development: false)
            : throw new InvalidOperationException($"{SigningOptions.Section}:CertificatePath {options.CertificatePath}: the certificate {signing.Subject} {problem}.");
    }

    private static (X509Certificate2 Signing, X509Certificate2Collection Issuers) Read(SigningOptions options)
    {
        var path = options.CertificatePath!;
        try
        {
            var all = new X509Certificate2Collection();
            X509Certificate2 signing;
            if (IsPem(path))
            {
                signing = string.IsNullOrEmpty(options.Password)
                    ? X509Certificate2.CreateFromPemFile(path, options.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.Password, options.KeyPath);
                all.ImportFromPemFile(path);
            }
            else
            {
                all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, options.Password);
                signing = all.FirstOrDefault(c => c.HasPrivateKey) ?? all.FirstOrDefault()
                    ?? throw new CryptographicException("the file holds no certificate");
            }

            var issuers = new X509Certificate2Collection(all.Where(c => c.Thumbprint != signing.Thumbprint).ToArray());
            return (signing, issuers);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{SigningOptions.Section}:CertificatePath {path} could not be read as a PKCS#12 or PEM certificate with its private key " +
                $"(missing file, wrong {SigningOptions.Section}:Password or {SigningOptions.Section}:KeyPath?): {e.Message}", e);
        }
    }

    private static bool IsPem(string path)
    {
        using var file = File.OpenRead(path);
        var start = new byte[64];
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.ASCII.GetString(start, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    /// <summary>Self-signed, valid from yesterday for a year, new at every start: nothing to keep, nothing anyone should trust.</summary>
    private static X509Certificate2 CreateDevelopmentCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(DevelopmentSubject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }
}
