using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TitleReview.Domain;

namespace TitleReview.ServiceDefaults.KeyRing;

/// <summary>Loads the certificate that encrypts the key ring; a setting that names a file which cannot serve stops the start.</summary>
public static class KeyCertificate
{
    /// <summary>The certificate <paramref name="settings"/> names, or null when it names none.</summary>
    public static X509Certificate2? Load(KeyCertificateSettings settings, string setting)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Path))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = string.IsNullOrWhiteSpace(settings.KeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(settings.Path, settings.Password)
                : string.IsNullOrEmpty(settings.Password)
                    ? X509Certificate2.CreateFromPemFile(settings.Path, settings.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(settings.Path, settings.Password, settings.KeyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(new Bilingual(
                $"无法读取数据保护密钥证书 {setting}（{settings.Path}）：{e.Message}",
                $"The data-protection key certificate {setting} ({settings.Path}) cannot be read: {e.Message}").ToString(), e);
        }

        // The keys are encrypted with the certificate's RSA public key (XML encryption knows no other) and read back
        // with its private key: a certificate without either would store keys no instance can ever read.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(new Bilingual(
                $"数据保护密钥证书 {setting}（{settings.Path}）须为带私钥的 RSA 证书。",
                $"The data-protection key certificate {setting} ({settings.Path}) must be an RSA certificate with its private key.").ToString());
        }

        return certificate;
    }
}
