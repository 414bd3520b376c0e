using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Gateway.Components;
using TitleReview.Gateway.Routing;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Gateway.Home;

public static class HomeEndpoint
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var userId = http.User.Identity?.Name ?? "";
            return new RazorComponentResult<HomePage>(new Dictionary<string, object?>
            {
                [nameof(HomePage.UserId)] = userId,
                [nameof(HomePage.DisplayName)] = http.User.FindFirst(GatewayToken.DisplayNameClaim)?.Value ?? userId,
                [nameof(HomePage.Desks)] = Desks.For(http.User),
                [nameof(HomePage.TokenField)] = tokens.FormFieldName,
                [nameof(HomePage.Token)] = tokens.RequestToken,
            });
        })
        .RequireAuthorization(GatewayRoutes.SignedInPolicy);
        return app;
    }
}
