using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace TitleReview.BackOffice.Charts;

/// <summary>
/// An SVG &lt;text&gt; element. Written in C# because Razor reserves &lt;text&gt; inside code blocks for its own use;
/// the content is added as text, so it is encoded like everything else a component renders.
/// </summary>
public sealed class SvgLabel : ComponentBase
{
    [Parameter] public string X { get; set; } = "0";

    [Parameter] public string Y { get; set; } = "0";

    [Parameter] public string? Anchor { get; set; }

    [Parameter] public string? Class { get; set; }

    [Parameter] public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X);
        builder.AddAttribute(2, "y", Y);
        builder.AddAttribute(3, "text-anchor", Anchor);
        builder.AddAttribute(4, "class", Class);
        builder.AddContent(5, Text);
        builder.CloseElement();
    }
}
