using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;

namespace TitleReview.BackOffice;

/// <summary>
/// Pages are Razor components rendered on the server and returned by the services' own route handlers (the handler
/// binds and checks the query, answering problem+json for bad input; the component only shows what it is given).
/// </summary>
public static class Pages
{
    /// <summary>What a host that renders pages needs: the component renderer (static SSR; no circuits, no script).</summary>
    public static IServiceCollection AddBackOfficePages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        return services.AddReadableHtmlEncoding();
    }

    /// <summary>
    /// Chinese stays Chinese in the page source (the default encoder writes every CJK character as &amp;#x…;, which
    /// triples a page's size and makes it unreadable to anyone checking it); markup characters are still encoded.
    /// </summary>
    public static IServiceCollection AddReadableHtmlEncoding(this IServiceCollection services) =>
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

    /// <summary>The page <typeparamref name="TPage"/> with its parameters, as a typed result.</summary>
    public static RazorComponentResult<TPage> Render<TPage>(object? parameters = null, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(parameters ?? new { }) { StatusCode = status, PreventStreamingRendering = true };
}
