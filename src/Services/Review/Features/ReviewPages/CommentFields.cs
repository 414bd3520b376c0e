using TitleReview.Contracts;

namespace TitleReview.Review.Features.ReviewPages;

/// <summary>The form field of a module's revision comment; the first two keep the names the page always had.</summary>
public static class CommentFields
{
    public static string Of(string module) => module switch
    {
        ApplicationModules.Basic => "basicComment",
        ApplicationModules.Declaration => "declarationComment",
        // The field names the label, as the page always did, so a form posted before the codes still reads.
        _ => $"comment:{ApplicationModules.Label(module)}",
    };
}
