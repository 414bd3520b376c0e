using TitleReview.Certificate.Features.Issue;
using TitleReview.Certificate.Features.Lookup;
using TitleReview.Contracts;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.Messaging;

namespace TitleReview.Certificate;

public static class CertificateRegistration
{
    public static WebApplicationBuilder AddCertificate(this WebApplicationBuilder builder)
    {
        builder.AddEventStore(ServiceName.Certificate, documents =>
        {
            documents.Schema.For<CertificateRecord>().Identity(c => c.Number).Index(c => c.ApplicationId);
            documents.Schema.For<CertificateSerial>().UseOptimisticConcurrency(true);
        });
        builder.AddMessaging(ServiceName.Certificate, bus => bus.AddConsumer<IssueOnCommitteePass>());
        return builder;
    }

    public static WebApplication MapCertificateEndpoints(this WebApplication app)
    {
        app.MapGroup("/api/certificates").WithTags("Certificates")
            .RequireRoles(Roles.Portal, Roles.CommitteeSecretary, Roles.Auditor).MapCertificateLookup();
        return app;
    }
}
