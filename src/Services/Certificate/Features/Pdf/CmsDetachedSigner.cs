using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf.Signatures;

namespace TitleReview.Certificate.Features.Pdf;

/// <summary>
/// The CMS (PKCS#7) detached signature PDFsharp asks for over its byte range, made with .NET's SignedCms. Written here
/// rather than PDFsharp's default signer so that the issuing CA's certificates from the configured file travel in the
/// signature (a reader can build the chain offline) and the signing time is a signed attribute, not an unsigned one.
/// </summary>
internal sealed class CmsDetachedSigner(X509Certificate2 certificate, X509Certificate2Collection issuers) : IDigitalSigner
{
    private static readonly Oid Sha256 = new("2.16.840.1.101.3.4.2.1");

    public string CertificateName => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    /// <summary>PDFsharp reserves this much for the signature before it knows the bytes: a trial signature plus room for DER length variations.</summary>
    public async Task<int> GetSignatureSizeAsync() => (await GetSignatureAsync(new MemoryStream([0]))).Length + 64;

    public Task<byte[]> GetSignatureAsync(Stream stream)
    {
        var content = new byte[stream.Length];
        stream.Position = 0;
        stream.ReadExactly(content);
        var signed = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = Sha256,
            IncludeOption = X509IncludeOption.WholeChain,
        };
        signer.Certificates.AddRange(issuers);
        // The moment the bytes were signed, by the machine's clock: a fact about the file, not business time.
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        signed.ComputeSignature(signer, silent: true);
        return Task.FromResult(signed.Encode());
    }
}
