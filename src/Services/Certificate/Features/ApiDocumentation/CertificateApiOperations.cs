using TitleReview.ServiceDefaults.Operations;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Certificate.Features.Revocation;
using TitleReview.Certificate.Features.Verification;
using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.Certificate.Features.ApiDocumentation;

/// <summary>Every operation of Certificate's API as its OpenAPI document names it; the contract tests fail for an operation missing here.</summary>
public static class CertificateApiOperations
{
    public static readonly ApiOperations All = new ApiOperations
    {
        ["GET /api/certificates/verification"] = new("VerifyCertificate", "职称证书查询（公开，限频） / Verify a certificate (public, rate-limited)", Success: typeof(VerificationAnswer), Problems: [429]),
        ["GET /api/certificates/by-application/{applicationId}"] = new("GetCertificateByApplication", "某申报的证书 / The certificate of an application", Success: typeof(CertificateRecord), Problems: [404]),
        ["GET /api/certificates/{number}/pdf"] = new("DownloadCertificatePdf", "证书 PDF / The certificate as PDF", MediaType: "application/pdf", Problems: [404]),
        ["GET /api/certificates/{number}/application-form"] = new("DownloadApplicationForm", "评审申报表 PDF / The application form as PDF", MediaType: "application/pdf", Problems: [404]),
        ["POST /api/certificates/{number}/revocation"] = new("RevokeCertificate", "撤销证书（附依据） / Revoke a certificate (with evidence)", Success: typeof(RevokedResponse), Problems: [404, 409, 413, 415], FormFields: ["reason", "evidence"]),
    }.WithDeadLetters();
}
