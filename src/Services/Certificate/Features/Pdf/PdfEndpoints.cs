using TitleReview.Domain.Cycles;
using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Contracts.Applications;
using TitleReview.Domain.Lifecycle;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Certificate.Features.Pdf;

public static class PdfEndpoints
{
    /// <summary>
    /// GET /api/certificates/{number}/pdf and …/application-form: for the portal client that submitted the application,
    /// and for back-office users. Another portal client gets 404, as if the certificate did not exist. Both are signed
    /// by the committee (<see cref="CommitteeSignature"/>).
    /// </summary>
    public static RouteGroupBuilder MapCertificatePdfs(this RouteGroupBuilder certificates)
    {
        certificates.MapGet("/{number}/pdf", (string number, HttpContext http, LedgerSessions sessions, CertificateFont font, IOptions<PdfOptions> options,
                CommitteeSignature signature, CancellationToken cancellationToken) =>
            RenderAsync(number, http, sessions, font, (record, _) => CertificatePdf.Render(record, options.Value.PublicBaseUrl, signature), $"certificate-{number}.pdf",
                withDossier: false, cancellationToken));

        certificates.MapGet("/{number}/application-form", (string number, HttpContext http, LedgerSessions sessions, CertificateFont font, CommitteeSignature signature,
                ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
            RenderAsync(number, http, sessions, font, (record, dossier) => ApplicationFormPdf.Render(record, dossier, cycles.Find(record.CycleId), signature), $"application-form-{number}.pdf",
                withDossier: true, cancellationToken));
        return certificates;
    }

    private static async Task<IResult> RenderAsync(string number, HttpContext http, LedgerSessions sessions, CertificateFont font,
        Func<CertificateRecord, Dossier?, byte[]> render, string fileName, bool withDossier, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var certificate = await query.LoadAsync<CertificateRecord>(number, cancellationToken);
        if (certificate is null || !MayRead(http, certificate))
        {
            return Problems.NotFound(new($"没有编号为 {number} 的证书。", $"No certificate {number}."));
        }

        if (!font.Available)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: new Bilingual("证书打印暂不可用", "Printing is unavailable").ToString(),
                detail: new Bilingual("服务器未安装中文字体，请联系管理员（apt-get install fonts-droid-fallback）。", "The CJK font is not installed on the server.").ToString());
        }

        // Only the application form prints the modules; the certificate itself does not read the stream.
        var dossier = withDossier ? LatestDossier.From((await query.Events.FetchStreamAsync(certificate.ApplicationId, token: cancellationToken)).Select(e => e.Data)).Dossier : null;
        return Results.File(render(certificate, dossier), "application/pdf", fileName);
    }

    /// <summary>A portal client reads only what it submitted; back-office roles read every certificate.</summary>
    internal static bool MayRead(HttpContext http, CertificateRecord certificate) =>
        !http.User.IsInRole(Roles.Portal) || http.User.IsInRole(Roles.Admin) || http.User.IsInRole(Roles.CommitteeSecretary) || http.User.IsInRole(Roles.Auditor)
        || string.Equals(http.User.Identity?.Name, certificate.SubmittedBy, StringComparison.Ordinal);
}
