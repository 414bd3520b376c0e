using Npgsql;
using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Pages;
using TitleReview.Audit.Features.Search;
using TitleReview.Audit.Features.Seals;
using TitleReview.Audit.Features.TimeTravel;
using TitleReview.Audit.Features.Verification;
using TitleReview.Contracts;
using TitleReview.EventStore;
using TitleReview.Audit.Features.ApiDocumentation;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.OpenApi;
using TitleReview.Domain.Lifecycle;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Audit;

public static class AuditRegistration
{
    /// <summary>
    /// Audit reads the ledger and owns no events: the ownership guard refuses any append it might attempt. Its own
    /// schema holds a fold of every stream for searching, verification runs and their findings; seals have their own
    /// append-only tables.
    /// </summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.AddEventStore(ServiceName.Audit, documents =>
        {
            SearchIndexes.Register(documents);
            documents.Schema.For<VerificationRun>();
            documents.Schema.For<RunFinding>().Index(f => f.RunId);
        }, lifecycleFold: JasperFx.Events.Projections.ProjectionLifecycle.Async);

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(LedgerConnection.From(builder.Configuration)));
        builder.Services.AddSingleton<LedgerReader>();
        builder.AddWorkingDayCalendars();
        builder.Services.AddSingleton<VerificationRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<VerificationRunner>());
        builder.Services.Configure<SealOptions>(builder.Configuration.GetSection("Audit:Seals"));
        builder.Services.AddSingleton<LedgerSeals>();
        builder.Services.AddSingleton<SealCheck>();
        builder.Services.AddHostedService<SealTables>();
        builder.Services.AddHostedService<SealJob>();
        builder.Services.AddHttpClient<IntakeDirectory>(http => http.BaseAddress = new Uri(builder.Configuration["Audit:IntakeAddress"] ?? "http://intake"));
        builder.Services.AddServiceOpenApi("TitleReview 审计服务 Audit — 账本审计 API / Ledger audit API",
            "只读：检索申报、事件历史、任意时刻的状态、核验与封存。 / Read-only: search applications, event history, state at any moment, verification runs and seals.", AuditApiOperations.All);
        return builder;
    }

    public static WebApplication MapAuditEndpoints(this WebApplication app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireRoles(Roles.Auditor, Roles.Admin);
        audit.MapGroup("/applications").MapApplicationSearch().MapHistory().MapStateAt().MapApplicationVerification();
        audit.MapGroup("/verifications").MapVerificationRuns();
        audit.MapGroup("/seals").MapSeals();
        app.MapGroup("/audit").RequireRoles(Roles.Auditor, Roles.Admin).MapAuditPages();
        app.MapBackOfficeSignIn();
        app.MapServiceOpenApi(isPublic: false);
        return app;
    }
}
