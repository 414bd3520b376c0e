using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace TitleReview.BackOffice.Tests;

/// <summary>Renders a component to HTML the way the server does (the framework's HtmlRenderer), with no browser.</summary>
public static class Render
{
    public static async Task<string> HtmlAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        // The services' own registration, so the test sees the encoder the pages are written with.
        var services = new ServiceCollection().AddLogging().AddReadableHtmlEncoding().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }
}
