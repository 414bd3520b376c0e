using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Certificate.Features.Pdf;
using TitleReview.Contracts;
using TitleReview.Testing;

namespace TitleReview.Certificate.IntegrationTests;

/// <summary>Where the signature on certificate PDFs comes from: the committee's certificate from configuration, never a made-up one outside Development.</summary>
[Collection(CertificateLedgerCollection.Name)]
public sealed class SigningCertificateTests(CertificateLedgerFixture ledger)
{
    private const string CommitteeSubject = "CN=Xishan Engineering Title Review Committee (test signing certificate)";

    [Fact]
    public void The_certificate_service_refuses_to_start_in_Production_without_a_signing_certificate()
    {
        using var production = new ProductionHost(ledger.Infrastructure);

        var refused = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        var reason = refused as InvalidOperationException ?? refused.InnerException as InvalidOperationException;
        Assert.NotNull(reason);
        Assert.Contains("Certificate:Signing:CertificatePath is not set in Production", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_PKCS12_certificate_signs_with_its_issuing_CA_in_the_signature_and_no_development_notice()
    {
        using var work = new TemporaryFolder();
        var (authority, committee) = CommitteeCertificate();
        var pfx = work.Write("committee.pfx", new X509Certificate2Collection { committee, authority }.Export(X509ContentType.Pkcs12, "s3cret-密码")!);

        var signature = CommitteeSignature.Load(new SigningOptions { CertificatePath = pfx, Password = "s3cret-密码" }, Production());
        var pdf = Render(signature);

        Assert.False(signature.Development);
        var report = await PdfTools.SignaturesAsync(pdf);
        Assert.Contains($"Signer full Distinguished Name: {committee.Subject}", report);
        Assert.Contains("Signature Validation: Signature is Valid.", report);
        Assert.DoesNotContain("开发环境签名", await PdfTools.TextAsync(pdf));
        var embedded = EmbeddedSignature(pdf).Certificates.Select(c => c.Thumbprint).ToList();
        Assert.Contains(committee.Thumbprint, embedded);
        Assert.Contains(authority.Thumbprint, embedded);
    }

    [Fact]
    public async Task A_configured_PEM_certificate_with_an_encrypted_key_file_signs()
    {
        using var work = new TemporaryFolder();
        var (_, committee) = CommitteeCertificate();
        var certificatePath = work.Write("committee.crt", System.Text.Encoding.ASCII.GetBytes(committee.ExportCertificatePem()));
        var keyPath = work.Write("committee.key", System.Text.Encoding.ASCII.GetBytes(committee.GetRSAPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem(
            "pem-password", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000))));

        var signature = CommitteeSignature.Load(new SigningOptions { CertificatePath = certificatePath, KeyPath = keyPath, Password = "pem-password" }, Production());

        var report = await PdfTools.SignaturesAsync(Render(signature));
        Assert.Contains($"Signer full Distinguished Name: {committee.Subject}", report);
        Assert.Contains("Signature Validation: Signature is Valid.", report);
    }

    [Fact]
    public void A_wrong_password_or_a_certificate_without_its_key_stops_the_service_with_the_reason()
    {
        using var work = new TemporaryFolder();
        var (_, committee) = CommitteeCertificate();
        var pfx = work.Write("committee.pfx", committee.Export(X509ContentType.Pkcs12, "right")!);
        var bare = work.Write("bare.crt", System.Text.Encoding.ASCII.GetBytes(committee.ExportCertificatePem()));

        var wrongPassword = Assert.Throws<InvalidOperationException>(() => CommitteeSignature.Load(new SigningOptions { CertificatePath = pfx, Password = "wrong" }, Production()));
        var noKey = Assert.Throws<InvalidOperationException>(() => CommitteeSignature.Load(new SigningOptions { CertificatePath = bare }, Production()));
        var missing = Assert.Throws<InvalidOperationException>(() => CommitteeSignature.Load(new SigningOptions { CertificatePath = work.Path("nowhere.pfx") }, Production()));

        Assert.Contains("Certificate:Signing:Password", wrongPassword.Message, StringComparison.Ordinal);
        Assert.Contains("Certificate:Signing:KeyPath", noKey.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere.pfx", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_or_one_not_meant_for_signing_is_refused()
    {
        using var work = new TemporaryFolder();
        var now = DateTimeOffset.UtcNow;
        var expired = work.Write("expired.pfx", SelfSigned(X509KeyUsageFlags.DigitalSignature, now.AddYears(-2), now.AddDays(-1)).Export(X509ContentType.Pkcs12, "p")!);
        var encipherOnly = work.Write("encipher.pfx", SelfSigned(X509KeyUsageFlags.KeyEncipherment, now.AddDays(-1), now.AddYears(1)).Export(X509ContentType.Pkcs12, "p")!);

        Assert.Contains("expired on", Assert.Throws<InvalidOperationException>(
            () => CommitteeSignature.Load(new SigningOptions { CertificatePath = expired, Password = "p" }, Production())).Message, StringComparison.Ordinal);
        Assert.Contains("not for digital signatures", Assert.Throws<InvalidOperationException>(
            () => CommitteeSignature.Load(new SigningOptions { CertificatePath = encipherOnly, Password = "p" }, Production())).Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(X509KeyUsageFlags usage, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(CommitteeSubject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        return request.CreateSelfSigned(from, to);
    }

    private static HostingEnvironment Production() => new() { EnvironmentName = "Production" };

    private static byte[] Render(CommitteeSignature signature)
    {
        CertificateFont.Install(new CertificateFont(new PdfOptions()));
        return CertificatePdf.Render(new CertificateRecord
        {
            Number = "XSGC-2023-Z-99999", HolderName = "配置签名", Level = TitleLevel.Engineer, Series = "工程技术", Specialty = "机械工程",
            CommitteeName = "无锡市锡山区工程技术中级专业技术资格评审委员会", VerificationCode = "ABCDEFGHJK",
        }, "http://127.0.0.1:5105", signature);
    }

    /// <summary>A CA and the committee's certificate it issued, as a real committee would get them.</summary>
    private static (X509Certificate2 Authority, X509Certificate2 Committee) CommitteeCertificate()
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=TitleReview test CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        var authority = authorityRequest.CreateSelfSigned(now.AddDays(-2), now.AddYears(2));

        using var committeeKey = RSA.Create(2048);
        var committeeRequest = new CertificateRequest(CommitteeSubject, committeeKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        committeeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var issued = committeeRequest.Create(authority, now.AddDays(-1), now.AddYears(1), [1, 2, 3, 4]);
        return (authority, issued.CopyWithPrivateKey(committeeKey));
    }

    /// <summary>The CMS signature from the PDF's /Contents, without the zero padding after it.</summary>
    private static SignedCms EmbeddedSignature(byte[] pdf)
    {
        var hex = Regex.Match(System.Text.Encoding.Latin1.GetString(pdf), @"/Contents\s*<([0-9A-Fa-f]+)>").Groups[1].Value;
        var padded = Convert.FromHexString(hex);
        AsnDecoder.ReadEncodedValue(padded, AsnEncodingRules.BER, out _, out _, out var length);
        var cms = new SignedCms();
        cms.Decode(padded.AsSpan(0, length));
        return cms;
    }

    private sealed class TemporaryFolder : IDisposable
    {
        private readonly string root = Directory.CreateTempSubdirectory("signing-").FullName;

        public string Path(string name) => System.IO.Path.Combine(root, name);

        public string Write(string name, byte[] content)
        {
            File.WriteAllBytes(Path(name), content);
            return Path(name);
        }

        public void Dispose() => Directory.Delete(root, recursive: true);
    }

    private sealed class ProductionHost(TestInfrastructure infrastructure) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<CertificateRecord>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:eventstore", infrastructure.EventStore);
            builder.UseSetting("ConnectionStrings:messaging", infrastructure.Messaging);
        }
    }
}
