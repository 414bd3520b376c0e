using Microsoft.Extensions.Options;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Certificate.Features.Lookup;
using TitleReview.Certificate.Features.Pdf;
using TitleReview.Certificate.Features.Revocation;
using TitleReview.Certificate.Features.Verification;
using TitleReview.Contracts;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Certificate.Features.ApiDocumentation;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.OpenApi;
using TitleReview.EventStore.Messaging;

namespace TitleReview.Certificate;

public static class CertificateRegistration
{
    public static WebApplicationBuilder AddCertificate(this WebApplicationBuilder builder)
    {
        builder.AddEventStore(ServiceName.Certificate, documents =>
        {
            documents.Schema.For<CertificateRecord>().Identity(c => c.Number).Index(c => c.ApplicationId);
            documents.Schema.For<CertificateSerial>().UseOptimisticConcurrency(true);
            documents.Schema.For<RevocationEvidence>().Index(e => e.CertificateNumber);
        });
        // One issue at a time per instance: every pass of a cycle and level draws from the same gapless serial, so
        // issues side by side only collided on it and waited out the retry backoff (seconds under a batch of passes).
        // In turn each takes a few milliseconds; a second instance still collides now and then and retries.
        builder.AddMessaging(ServiceName.Certificate, bus => bus.AddConsumer<IssueOnCommitteePass>()
            .Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1));
        builder.Services.Configure<PdfOptions>(builder.Configuration.GetSection(PdfOptions.Section));
        builder.Services.AddSingleton(services =>
        {
            var font = new CertificateFont(services.GetRequiredService<IOptions<PdfOptions>>().Value);
            CertificateFont.Install(font);
            return font;
        });
        // Loaded here, before the host is built: without the committee's certificate (outside Development) the service does not start.
        builder.Services.AddSingleton(CommitteeSignature.Load(
            builder.Configuration.GetSection(SigningOptions.Section).Get<SigningOptions>() ?? new SigningOptions(), builder.Environment));
        builder.Services.AddPerAddressRateLimits(
            (CertificateVerification.RateLimitPolicy, builder.Configuration.GetValue("Certificate:Verification:PerMinute", 30)));
        builder.Services.AddServiceOpenApi("TitleReview 证书服务 Certificate — 证书 API / Certificates API",
            "公开的职称证书查询；证书与申报表 PDF；管理员撤销证书。 / Public certificate verification; certificate and application-form PDFs; revocation by an administrator.", CertificateApiOperations.All);
        return builder;
    }

    public static WebApplication MapCertificateEndpoints(this WebApplication app)
    {
        if (app.Services.GetRequiredService<CommitteeSignature>() is { Development: true } signature)
        {
            app.Logger.LogWarning("PDFs are signed with a generated development certificate ({Subject}): such signatures prove nothing. Set {Section}:CertificatePath outside Development.",
                signature.Subject, SigningOptions.Section);
        }

        app.MapCertificateVerification();
        var certificates = app.MapGroup("/api/certificates").WithTags("Certificates");
        certificates.MapGroup("").RequireRoles(Roles.Portal, Roles.CommitteeSecretary, Roles.Auditor).MapCertificateLookup().MapCertificatePdfs();
        certificates.MapGroup("").RequireRoles(Roles.Admin).MapRevokeCertificate();
        app.MapServiceOpenApi(isPublic: false);
        app.MapGroup("").WithTags("Operations").MapDeadLetters();
        return app;
    }
}
