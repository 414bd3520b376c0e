using TitleReview.Contracts;
using TitleReview.Domain.Cycles;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.FinanceDesk;
using TitleReview.Payment.Features.Lapse;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Payment.Features.Reconciliation;
using TitleReview.Payment.Features.RecordPayment;
using TitleReview.Payment.Features.Refunds;
using TitleReview.EventStore;
using TitleReview.Payment.Features.ApiDocumentation;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.OpenApi;
using TitleReview.EventStore.Messaging;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Payment;

public static class PaymentRegistration
{
    public static WebApplicationBuilder AddPayment(this WebApplicationBuilder builder)
    {
        builder.AddEventStore(ServiceName.Payment, documents =>
        {
            documents.Schema.For<FeeAccount>().UniqueIndex(a => a.PaymentReference).Index(a => a.DueDate);
            documents.Schema.For<AwaitingCalendar>();
            documents.Schema.For<PaymentNotification>().Identity(n => n.Id).Index(n => n.PaymentReference);
            documents.Schema.For<RefundEvidence>().Index(e => e.PaymentNotificationId);
            documents.Schema.For<ReconciliationReport>().Identity(r => r.Id).Index(r => r.UploadedAt);
            FinanceIndexes.Register(documents);
        });
        builder.AddMessaging(ServiceName.Payment, bus => bus.AddConsumer<AssessFeeOnFinalApproval>());
        builder.AddWorkingDayCalendars();
        builder.Services.AddSingleton<FeeAssessor>();
        builder.Services.AddOptions<FeeSchedule>()
            .Bind(builder.Configuration.GetSection(FeeSchedule.Section))
            .Validate<ReviewCycleCatalogue>((schedule, cycles) => schedule.IsValid(cycles), "Payment:Fees needs an amount (greater than 0, two decimals at most) for every level of every cycle.")
            .ValidateOnStart();
        builder.Services.AddOptions<PlatformSigning>().Bind(builder.Configuration.GetSection(PlatformSigning.Section));
        builder.Services.Configure<PaymentJobOptions>(builder.Configuration.GetSection(PaymentJobOptions.Section));
        builder.Services.AddHostedService<OverdueLapseJob>();
        builder.Services.AddServiceOpenApi("TitleReview 缴费服务 Payment — 缴费、退费与对账 API / Payments, refunds and reconciliation API",
            "财务登记缴费、退费与对账；支付平台以签名通知到账。 / Finance records payments, refunds and reconciles statements; the payment platform posts signed notifications.", PaymentApiOperations.All);
        builder.Services.AddHostedService<AssessWhenCalendarArrivesJob>();
        return builder;
    }

    public static WebApplication MapPaymentEndpoints(this WebApplication app)
    {
        app.MapGroup("/api/payments").WithTags("Payments").RequireRoles(Roles.Finance).MapRecordPayment().MapRefund().MapAwaitingCalendar();
        app.MapGroup("/finance").RequireRoles(Roles.Finance).MapFinancePages();
        app.MapGroup("/api/reconciliation").WithTags("Reconciliation").RequireRoles(Roles.Finance).MapReconciliation();
        // The platform authenticates by signature, not by role: see ReceiveNotificationEndpoint.
        app.MapGroup("/api/payments").WithTags("Payment platform").MapReceiveNotification();
        app.MapBackOfficeSignIn();
        app.MapServiceOpenApi(isPublic: false);
        app.MapGroup("").WithTags("Operations").MapDeadLetters();
        return app;
    }
}
