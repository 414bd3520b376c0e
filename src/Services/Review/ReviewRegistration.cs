using TitleReview.Contracts;
using TitleReview.Review.Features.ApplicationDossier;
using TitleReview.Review.Features.CommitteeDecision;
using TitleReview.Review.Features.CommitteeMeetings;
using TitleReview.Review.Features.FinalApproval;
using TitleReview.Review.Features.ReviewActions;
using TitleReview.Review.Features.ReviewPages;
using TitleReview.Review.Features.ReviewQueue;
using TitleReview.EventStore;
using TitleReview.Review.Features.ApiDocumentation;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.OpenApi;
using TitleReview.EventStore.Messaging;

namespace TitleReview.Review;

public static class ReviewRegistration
{
    public static WebApplicationBuilder AddReview(this WebApplicationBuilder builder)
    {
        builder.AddEventStore(ServiceName.Review, documents =>
        {
            QueueIndexes.Register(documents);
            documents.Schema.For<CommitteeMeeting>().UseOptimisticConcurrency(true);
            CommitteeAgenda.Register(documents);
        });
        builder.AddMessaging(ServiceName.Review, bus => bus.AddConsumer<QueueSubmittedApplications>());
        builder.Services.AddServiceOpenApi("TitleReview 审核服务 Review — 审核与评委会 API / Review and committee API",
            "审核员的队列与审核操作、评委会秘书的会议与表决。认证：Authorization: ApiKey <密钥>。 / Reviewers' queue and actions, the committee secretary's meetings and votes. Authenticate with 'Authorization: ApiKey <key>'.", ReviewApiOperations.All);
        builder.Services.AddHttpClient<IntakeAttachments>(http => http.BaseAddress = new Uri(builder.Configuration["Review:IntakeAddress"] ?? "http://intake"));
        return builder;
    }

    public static WebApplication MapReviewEndpoints(this WebApplication app)
    {
        app.MapGroup("/api/review").WithTags("Review").RequireRoles(Roles.Reviewer).DescribedByOperations()
            .MapReviewQueue().MapFinalApproval().MapReviewActions();
        app.MapGroup("/review").RequireRoles(Roles.Reviewer).MapReviewPages().MapAttachmentDownload();
        app.MapGroup("/committee").RequireRoles(Roles.CommitteeSecretary).MapMeetingPages();
        app.MapBackOfficeSignIn();
        // The API beside the pages, described for integrators; behind sign-in like everything not public.
        app.MapServiceOpenApi(isPublic: false);
        app.MapGroup("/api/committee").WithTags("Committee").RequireRoles(Roles.CommitteeSecretary).DescribedByOperations()
            .MapCommitteeDecision().MapCommitteeMeetings();
        app.MapGroup("").WithTags("Operations").MapDeadLetters();
        return app;
    }
}
