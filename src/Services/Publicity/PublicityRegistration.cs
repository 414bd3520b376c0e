using TitleReview.Contracts;
using TitleReview.Publicity.Features.Complete;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Publicity.Features.Objections;
using TitleReview.Publicity.Features.OfficerDesk;
using TitleReview.Publicity.Features.PublicPage;
using TitleReview.Publicity.Features.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Publicity.Features.ApiDocumentation;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.OpenApi;
using TitleReview.EventStore.Messaging;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Publicity;

public static class PublicityRegistration
{
    public static WebApplicationBuilder AddPublicity(this WebApplicationBuilder builder)
    {
        builder.AddEventStore(ServiceName.Publicity, documents =>
        {
            documents.Schema.For<PendingNoticeEntry>();
            NoticeIndexes.Register(documents);
            documents.Schema.For<PublicityPeriod>().Index(p => p.End);
            documents.Schema.For<ObjectionRecord>().Index(o => o.ApplicationId);
            documents.Schema.For<AutoPublishRun>().Identity(r => r.Id);
        });
        builder.AddMessaging(ServiceName.Publicity, bus =>
        {
            bus.AddConsumer<AddToNextNotice>();
            bus.AddConsumer<ResumeAfterLapseUndone>();
        });
        builder.AddWorkingDayCalendars();
        builder.Services.AddSingleton<NoticePublisher>();
        builder.Services.Configure<PublicityJobOptions>(builder.Configuration.GetSection(PublicityJobOptions.Section));
        builder.Services.AddHostedService<PublicityCompletionJob>();
        builder.Services.AddHostedService<NoticeAutoPublishJob>();
        var objectionsPerMinute = builder.Configuration.GetValue($"{PublicityJobOptions.Section}:{nameof(PublicityJobOptions.ObjectionsPerMinute)}", 5);
        builder.Services.AddPerAddressRateLimits((LodgeObjection.RateLimitPolicy, objectionsPerMinute));
        builder.Services.AddServiceOpenApi("TitleReview 公示服务 Publicity — 公示与异议 API / Publicity and objections API",
            "公开：工作日计算、公示公告、提出异议；公示员：发布公示、处理异议。 / Public: working-day arithmetic, notices, lodging an objection; officers: publishing notices, resolving objections.", PublicityApiOperations.All);
        return builder;
    }

    public static WebApplication MapPublicityEndpoints(this WebApplication app)
    {
        // Public: units and the portal plan their own publicity with the official working days.
        app.MapGroup("/api/working-days").WithTags("Working days").AllowAnonymous().MapWorkingDays().MapCalendarYears();
        app.MapGroup("/api/working-days").WithTags("Working days (administrators)").RequireRoles(Roles.Admin).MapImportCalendarYear();
        app.MapGroup("/api/publicity").WithTags("Publicity (public)").AllowAnonymous().MapPublicNoticeEndpoints().MapLodgeObjection();
        app.MapGroup("/api/publicity").WithTags("Publicity (officers)").RequireRoles(Roles.PublicityOfficer)
            .MapNoticeOfficerEndpoints().MapObjectionOfficerEndpoints();
        app.MapPublicityPage();
        app.MapGroup(PublicityDeskPages.Path).RequireRoles(Roles.PublicityOfficer).MapPublicityDesk();
        app.MapBackOfficeSignIn();
        app.MapServiceOpenApi(isPublic: false);
        app.MapGroup("").WithTags("Operations").MapDeadLetters();
        return app;
    }
}
