using TitleReview.Contracts;
using TitleReview.Intake.Features.IdNumberLookup;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Resubmission;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.Withdrawal;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.Messaging;

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
        });
        builder.AddMessaging(ServiceName.Intake, bus =>
        {
            bus.AddConsumer<ApplicationStatusFollower>();
            bus.AddConsumer<RecordRevokedHolder>();
        });
        return builder;
    }

    public static WebApplication MapIntakeEndpoints(this WebApplication app)
    {
        var applications = app.MapGroup("/api/applications").WithTags("Applications").RequireRoles(Roles.Portal);
        applications.MapSubmitApplication();
        applications.MapGetApplicationStatus();
        applications.MapResubmitApplication();
        applications.MapWithdrawApplication();
        app.MapGroup("/api/applications").WithTags("Audit").RequireRoles(Roles.Auditor).MapApplicationsByIdNumber();
        return app;
    }
}
