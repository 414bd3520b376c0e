namespace TitleReview.BackOffice.Layout;

/// <summary>One step of the breadcrumb trail; the last one (the page itself) has no link.</summary>
public sealed record Crumb(string Label, string? Href = null);
