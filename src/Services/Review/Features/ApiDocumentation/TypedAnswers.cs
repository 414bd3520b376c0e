using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace TitleReview.Review.Features.ApiDocumentation;

/// <summary>How the typed handlers meet the parts of the system that still speak plain <see cref="IResult"/>.</summary>
public static class TypedAnswers
{
    /// <summary>
    /// Paging and date filters come from the shared web kernel as validation problems; typed results name them as such.
    /// </summary>
    public static ProblemHttpResult AsProblem(IResult problem) =>
        problem as ProblemHttpResult
        ?? throw new InvalidOperationException($"Expected a problem answer, got {problem.GetType().Name}.");

    /// <summary>
    /// Typed results announce their answers to OpenAPI themselves (a 200 described as "OK" with the record's schema).
    /// Review's document is described by <see cref="ReviewApiOperations"/> (summaries as response descriptions, the
    /// schemas clients were generated from), so the inferred answers are dropped and that catalogue stays the one
    /// description: the document does not change because a handler got a typed signature.
    /// </summary>
    public static TBuilder DescribedByOperations<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            for (var i = endpoint.Metadata.Count - 1; i >= 0; i--)
            {
                if (endpoint.Metadata[i] is IProducesResponseTypeMetadata)
                {
                    endpoint.Metadata.RemoveAt(i);
                }
            }
        });
        return builder;
    }
}
