using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Domain;

namespace TitleReview.Web.Http;

/// <summary>
/// The one place a <see cref="Refusal"/> becomes problem+json: its kind picks the status and the title, its reason is
/// the detail ("中文 / English", as every answer has carried), its code and clause travel as <c>rule</c> and
/// <c>clause</c>, and named fields become a validation problem's <c>errors</c>.
/// </summary>
public static class RefusalProblems
{
    public static ProblemHttpResult ToProblem(this Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var status = StatusOf(refusal.Kind);
        var problem = refusal.Fields is { Count: > 0 } fields
            ? new HttpValidationProblemDetails(fields.ToDictionary(f => f.Key, f => f.Value.Select(m => m.ToString()).ToArray()))
            : new Microsoft.AspNetCore.Mvc.ProblemDetails { Detail = refusal.Reason.ToString() };
        problem.Status = status;
        problem.Title = refusal.Fields is { Count: > 0 } ? refusal.Reason.ToString() : Problems.TitleFor(status);
        problem.Type = TypeOf(refusal);
        if (refusal.Fields is null or { Count: 0 } && refusal.Kind is RefusalKind.BreaksRule or RefusalKind.Conflict or RefusalKind.Invalid)
        {
            problem.Extensions["rule"] = refusal.Code;
            if (refusal.Clause is not null)
            {
                problem.Extensions["clause"] = refusal.Clause;
            }
        }

        foreach (var (key, value) in refusal.Facts ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }

    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string TypeOf(Refusal refusal) => refusal switch
    {
        { Fields.Count: > 0 } => "https://titlereview.example/problems/validation",
        { Kind: RefusalKind.NotFound } => "https://titlereview.example/problems/not-found",
        { Kind: RefusalKind.Conflict } => "https://titlereview.example/problems/conflict",
        { Kind: RefusalKind.Forbidden } => "https://titlereview.example/problems/forbidden",
        { Kind: RefusalKind.Invalid } => "https://titlereview.example/problems/bad-request",
        _ => "https://titlereview.example/problems/rule",
    };
}
