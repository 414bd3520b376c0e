using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using TitleReview.Domain.WorkingDays;
using TitleReview.Domain;

namespace TitleReview.Web.Http;

/// <summary>
/// An exception a request can legitimately cause, as the 4xx it deserves. Projects below the edge (the event store)
/// register their own so this project needs no reference to them.
/// </summary>
public interface IExceptionProblemMapper
{
    /// <summary>The status and the detail in both languages, or null when the exception is not this mapper's.</summary>
    (int Status, Bilingual Detail)? Map(Exception exception);
}

/// <summary>
/// Turns the exceptions a request can legitimately cause into 4xx problem+json: unreadable JSON (400), a date outside
/// the loaded calendar (422), and whatever a registered <see cref="IExceptionProblemMapper"/> knows (the ledger's
/// concurrency conflicts, text PostgreSQL cannot store); anything else is a logged 500.
/// </summary>
public sealed class ProblemExceptionHandler(
    IProblemDetailsService problems, IEnumerable<IExceptionProblemMapper> mappers, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var mapped = mappers.Select(mapper => mapper.Map(exception)).FirstOrDefault(answer => answer is not null);
        (int status, Bilingual detail) = mapped is { } known ? known : exception switch
        {
            BadHttpRequestException { InnerException: Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException } bad =>
                (bad.StatusCode, new("表单已过期或来源不明，请刷新页面后重试。", "The form is stale or did not come from this site; reload the page and try again.")),
            BadHttpRequestException bad => (bad.StatusCode, new("请求无法解析：请检查 JSON 格式与字段类型。", "The request could not be read: check the JSON syntax and field types.")),
            CalendarYearNotLoadedException calendar => (StatusCodes.Status422UnprocessableEntity, calendar.Reason),
            System.Text.Json.JsonException => (StatusCodes.Status400BadRequest, new("请求无法解析：请检查 JSON 格式与字段类型。", "The request could not be read: check the JSON syntax and field types.")),
            _ => (StatusCodes.Status500InternalServerError, new("服务器内部错误，已记录。", "Internal error; it has been logged.")),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = Problems.TitleFor(status),
                Detail = detail.ToString(),
                // Machines (the portal) can tell "wait for the calendar" from any other rule without parsing the text.
                Extensions = exception is CalendarYearNotLoadedException missing ? new Dictionary<string, object?> { ["calendarYear"] = missing.Year } : new Dictionary<string, object?>(),
            },
        });
    }
}
