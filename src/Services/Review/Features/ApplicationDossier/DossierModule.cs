namespace TitleReview.Review.Features.ApplicationDossier;

/// <summary>A piece of a cell: text, or a download link with a note beside it (kind, size, SHA-256).</summary>
public sealed record CellPart(string Text, string? Href = null, string? Note = null);

/// <summary>One table cell as parts; the page encodes every part, links are the only markup a cell carries.</summary>
public sealed record Cell(IReadOnlyList<CellPart> Parts)
{
    public static implicit operator Cell(string text) => new([new CellPart(text)]);

    public static Cell Of(params CellPart[] parts) => new(parts);

    /// <summary>This cell followed by more parts (a file after its description, a translation after the document).</summary>
    public Cell Then(params CellPart[] more) => new([.. Parts, .. more]);
}

/// <summary>One module of the application as the reviewer reads it: a few facts and/or a table of entries.</summary>
/// <param name="Code">The module's code (ApplicationModules), e.g. AcademicOutputs.</param>
/// <param name="Facts">Single values (姓名, 专业…), shown as a definition list.</param>
/// <param name="Headers">The entries' column headers.</param>
/// <param name="Rows">The entries; none: 未填报 (unless the module has facts).</param>
public sealed record DossierModule(string Code, IReadOnlyList<(string Label, Cell Value)> Facts, IReadOnlyList<string> Headers, IReadOnlyList<Cell[]> Rows)
{
    public string Label => TitleReview.Contracts.ApplicationModules.Label(Code);
}
