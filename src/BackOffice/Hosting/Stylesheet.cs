using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TitleReview.BackOffice;

/// <summary>
/// The one stylesheet, served by every host that renders pages (each service and the gateway) from this assembly,
/// at one path, so a page looks the same whichever host answered it. Versioned by the assembly's build, cached a day.
/// </summary>
public static class Stylesheet
{
    public const string Path = "/_ui/site.css";

    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(Stylesheet).Assembly.GetManifestResourceStream("TitleReview.BackOffice.site.css")
            ?? throw new InvalidOperationException("The back office's stylesheet is not embedded in TitleReview.BackOffice.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointConventionBuilder MapBackOfficeStylesheet(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(Content.Value, "text/css; charset=utf-8");
        })
        .AllowAnonymous()
        .ExcludeFromDescription();
}
