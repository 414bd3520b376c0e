using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TitleReview.BackOffice;

namespace TitleReview.Payment.UnitTests.FinanceDesk;

/// <summary>Renders a page to HTML as the server does (the framework's HtmlRenderer, the services' encoder), without a host or a database.</summary>
internal static class RenderPage
{
    public static async Task<string> HtmlAsync<TPage>(Dictionary<string, object?> parameters) where TPage : IComponent
    {
        var services = new ServiceCollection().AddLogging().AddReadableHtmlEncoding()
            .AddSingleton<AntiforgeryStateProvider>(new FixedToken()).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>The refund forms carry a token; its value does not matter to what the page shows.</summary>
    private sealed class FixedToken : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }
}
