using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using TitleReview.Contracts.WorkingDays;

namespace TitleReview.ServiceDefaults.Http;

/// <summary>
/// Turns the exceptions a request can legitimately cause into 4xx problem+json: unreadable JSON (400), a stream
/// changed by someone else since it was read (409), a date outside the loaded calendar (422), text PostgreSQL cannot
/// store such as U+0000 (400).
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>
    /// PostgreSQL refuses U+0000 (and text it cannot encode) in text and jsonb, wherever a request's string reaches a
    /// query or a document: the input is at fault, and the refused statement wrote nothing.
    /// </summary>
    private static bool IsUnstorableText(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire or Npgsql.PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException } bad =>
                (bad.StatusCode, "表单已过期或来源不明，请刷新页面后重试。 / The form is stale or did not come from this site; reload the page and try again."),
            BadHttpRequestException bad => (bad.StatusCode, "请求无法解析：请检查 JSON 格式与字段类型。 / The request could not be read: check the JSON syntax and field types."),
            ConcurrencyException or ExistingStreamIdCollisionException =>
                (StatusCodes.Status409Conflict, "该申请已被他人修改，请刷新后重试。 / The application was changed by someone else; reload and try again."),
            CalendarYearNotLoadedException calendar => (StatusCodes.Status422UnprocessableEntity, calendar.Message),
            System.Text.Json.JsonException => (StatusCodes.Status400BadRequest, "请求无法解析：请检查 JSON 格式与字段类型。 / The request could not be read: check the JSON syntax and field types."),
            _ when IsUnstorableText(exception) =>
                (StatusCodes.Status400BadRequest, "请求含有无法保存的字符（如 U+0000 空字符），请删除后重试。 / The request contains characters that cannot be stored (such as U+0000); remove them and resend."),
            _ => (StatusCodes.Status500InternalServerError, "服务器内部错误，已记录。 / Internal error; it has been logged."),
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
                Detail = detail,
                // Machines (the portal) can tell "wait for the calendar" from any other rule without parsing the text.
                Extensions = exception is CalendarYearNotLoadedException missing ? new Dictionary<string, object?> { ["calendarYear"] = missing.Year } : new Dictionary<string, object?>(),
            },
        });
    }
}
