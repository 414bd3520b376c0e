using System.Net.Http.Headers;
using TitleReview.Gateway.Identity;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace TitleReview.Gateway.Routing;

/// <summary>
/// What the gateway changes on the way to a service: a request that already carries <c>Authorization</c> (a portal's
/// or the admin's <c>ApiKey</c>, anything else) goes untouched; for a person signed in here, the gateway's token is
/// added. The gateway's own session cookie never leaves the gateway: a service has no use for it, and a service's
/// logs or a compromised service must not hold what would sign in to all of them.
/// </summary>
public static class ForwardedIdentity
{
    public static void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        RemoveSessionCookie(transform.ProxyRequest.Headers);
        var http = transform.HttpContext;
        if (http.Request.Headers.Authorization.Count == 0 && http.User.Identity?.IsAuthenticated == true)
        {
            var issuer = http.RequestServices.GetRequiredService<GatewayTokenIssuer>();
            transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.For(http.User));
        }

        return ValueTask.CompletedTask;
    });

    private static void RemoveSessionCookie(HttpRequestHeaders headers)
    {
        if (!headers.TryGetValues("Cookie", out var values))
        {
            return;
        }

        // The session cookie may be split in chunks (.TitleReview.Gateway, .TitleReview.GatewayC1, …) when it holds the provider's tokens.
        var kept = values
            .SelectMany(value => value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(pair => !IsSessionCookie(pair))
            .ToList();
        headers.Remove("Cookie");
        if (kept.Count > 0)
        {
            headers.TryAddWithoutValidation("Cookie", string.Join("; ", kept));
        }
    }

    private static bool IsSessionCookie(string pair)
    {
        var name = pair.Split('=', 2)[0];
        return name == GatewaySession.CookieName
            || (name.StartsWith(GatewaySession.CookieName + "C", StringComparison.Ordinal) && int.TryParse(name.AsSpan(GatewaySession.CookieName.Length + 1), out _));
    }
}
