using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Review.Features.ApiDocumentation;
using TitleReview.Web.Http;

namespace TitleReview.Review.UnitTests;

public sealed class TypedAnswersTests
{
    [Fact]
    public void The_shared_paging_and_date_problems_are_problem_answers_a_typed_handler_can_return()
    {
        Assert.IsType<ProblemHttpResult>(TypedAnswers.AsProblem(Paging.Of(0, 20, 20, 100).Problem!));
        Assert.IsType<ProblemHttpResult>(TypedAnswers.AsProblem(DateFilter.Invalid(new DateOnly(2023, 2, 1),
            new DateOnly(2023, 1, 1))!));
    }
}
