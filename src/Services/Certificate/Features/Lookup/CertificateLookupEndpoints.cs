using Marten;
using TitleReview.Certificate.Features.Issue;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Http;

namespace TitleReview.Certificate.Features.Lookup;

public static class CertificateLookupEndpoints
{
    public static RouteGroupBuilder MapCertificateLookup(this RouteGroupBuilder group)
    {
        group.MapGet("/by-application/{applicationId:guid}", async (Guid applicationId, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            var certificate = await query.Query<CertificateRecord>().FirstOrDefaultAsync(c => c.ApplicationId == applicationId, cancellationToken);
            return certificate is null
                ? Problems.NotFound($"申报 {applicationId} 尚未发证。", $"No certificate has been issued for application {applicationId}.")
                : Results.Ok(certificate);
        });
        return group;
    }
}
