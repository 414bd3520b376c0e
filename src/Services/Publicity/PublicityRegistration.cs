using TitleReview.Contracts;
using TitleReview.Contracts.WorkingDays;
using TitleReview.Publicity.Features.Complete;
using TitleReview.Publicity.Features.Publish;
using TitleReview.Publicity.Features.WorkingDays;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Messaging;

namespace TitleReview.Publicity;

public static class PublicityRegistration
{
    public static WebApplicationBuilder AddPublicity(this WebApplicationBuilder builder)
    {
        builder.AddEventStore(ServiceName.Publicity, documents =>
        {
            documents.Schema.For<PublicityPeriod>().Index(p => p.End);
        });
        builder.AddMessaging(ServiceName.Publicity, bus => bus.AddConsumer<PublishOnFinalApproval>());
        builder.Services.AddSingleton(WorkingDayCalendar.Official);
        builder.Services.Configure<CompletionOptions>(builder.Configuration.GetSection(CompletionOptions.Section));
        builder.Services.AddHostedService<PublicityCompletionJob>();
        return builder;
    }

    public static WebApplication MapPublicityEndpoints(this WebApplication app)
    {
        // Public: units and the portal plan their own publicity with the official working days.
        app.MapGroup("/api/working-days").WithTags("Working days").AllowAnonymous().MapWorkingDays();
        return app;
    }
}
