namespace TitleReview.BackOffice.Charts;

/// <summary>One coloured series of a bar chart: a value per category, in the categories' order.</summary>
/// <param name="Colour">A fill with at least 3:1 contrast on white (WCAG 1.4.11), e.g. <see cref="Palette"/>.</param>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<decimal> Values);

public static class Palette
{
    public const string Blue = "#1f5aa6";
    public const string Green = "#2b7a4b";
    public const string Orange = "#b45309";
    public const string Red = "#b42318";
    public const string Grey = "#5f6b7a";
}
