using Npgsql;
using TitleReview.Contracts;
using TitleReview.Intake.Features.ApiDocumentation;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.IdNumberLookup;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Resubmission;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.Withdrawal;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.Intake.Features.SubmitApplication.Rules;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.EventStore.Messaging;

using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Intake;

public static class IntakeRegistration
{
    public static WebApplicationBuilder AddIntake(this WebApplicationBuilder builder)
    {
        builder.AddEventStore(ServiceName.Intake, documents =>
        {
            documents.Schema.For<ApplicationFile>().Index(f => f.IdNumber);
            documents.Schema.For<IntegrityRecord>();
            documents.Schema.For<SubmissionKey>();
            documents.Schema.For<TitleReview.Intake.Features.SubmitApplication.Rules.LevelSlot>();
            documents.Schema.For<TitleReview.Intake.Features.SubmitApplication.Rules.RefusedMaterials>();
            documents.Schema.For<TitleReview.Intake.Features.SubmitApplication.Rules.EmployerCommittee>();
        });

        // Attachment bytes live in Intake's own table beside the documents, read and written with plain SQL.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(LedgerConnection.From(builder.Configuration)));
        builder.Services.AddSingleton<AttachmentStore>();
        builder.AddWorkingDayCalendars();
        builder.Services.AddHostedService<AttachmentTableSetup>();
        builder.Services.Configure<AttachmentOptions>(builder.Configuration.GetSection(AttachmentOptions.Section));
        builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        builder.Services.AddPortalRateLimit(builder.Configuration);
        builder.Services.AddPortalApiDocumentation();
        builder.AddMessaging(ServiceName.Intake, bus =>
        {
            bus.AddConsumer<ApplicationStatusFollower>();
            bus.AddConsumer<RecordRevokedHolder>();
        });
        return builder;
    }

    public static WebApplication MapIntakeEndpoints(this WebApplication app)
    {
        var applications = app.MapGroup("/api/applications").WithTags("Applications").RequireRoles(Roles.Portal).RequireRateLimiting(PortalRateLimit.Policy);
        applications.MapSubmitApplication();
        applications.MapGetApplicationStatus();
        applications.MapResubmitApplication();
        applications.MapWithdrawApplication();
        var attachments = app.MapGroup("/api/attachments").WithTags("Attachments").RequireRateLimiting(PortalRateLimit.Policy);
        attachments.MapGroup("").RequireRoles(Roles.Portal).MapUploadAttachment();
        attachments.MapGroup("").RequireRoles(Roles.Portal, Roles.Reviewer, Roles.Auditor, Roles.Admin).MapDownloadAttachment();
        app.MapPortalApiDocumentation();
        app.MapGroup("/api/integrity-register").WithTags("Integrity register").RequireRoles(Roles.Admin).MapIntegrityImport();
        app.MapGroup("/api/refused-materials").WithTags("Integrity register").RequireRoles(Roles.Admin).MapRefusedMaterialsImport();
        app.MapGroup("/api/applications").WithTags("Audit").RequireRoles(Roles.Auditor).MapApplicationsByIdNumber();
        app.MapGroup("").WithTags("Operations").MapDeadLetters();
        return app;
    }
}
