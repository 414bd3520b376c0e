using TitleReview.BackOffice;
using TitleReview.Gateway.Account;
using TitleReview.Gateway.Home;
using TitleReview.Gateway.Identity;
using TitleReview.Gateway.Routing;
using TitleReview.ServiceDefaults;

namespace TitleReview.Gateway;

public static class GatewayRegistration
{
    /// <summary>The session and its token, the gateway's pages, and the proxy with its route table.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddGatewaySession();
        builder.Services.AddBackOfficePages();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Config(), ServiceClusters.Config(builder.Configuration))
            .AddTransforms(ForwardedIdentity.Apply);
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // The gateway's own forms (sign-in, sign-out); the services check the tokens of theirs.
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.MapHealthEndpoints();
        // The pages' one stylesheet, for the gateway's pages and the services' pages seen through it.
        app.MapBackOfficeStylesheet();
        app.MapAccountEndpoints();
        app.MapHome();
        app.MapReverseProxy();
        return app;
    }
}
