using TitleReview.BackOffice;
using TitleReview.BackOffice.Layout;
using TitleReview.Gateway.Components;
using TitleReview.Gateway.Routing;

namespace TitleReview.Gateway.Home;

public static class HomeEndpoint
{
    /// <summary><c>/</c>: where a sign-in without a return address lands.</summary>
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Pages.Render<HomePage>(new { Parts = Sections.For(http.User).ToList() }))
            .RequireAuthorization(GatewayRoutes.SignedInPolicy);
        return app;
    }
}
