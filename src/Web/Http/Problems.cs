using Microsoft.AspNetCore.Http;

namespace TitleReview.Web.Http;

/// <summary>
/// RFC 9457 problem+json answers in Chinese and English. Officers read the Chinese; the portal's developers
/// and logs read the English.
/// </summary>
public static class Problems
{
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(
            errors,
            title: "请求内容有误，请按字段说明修改后重新提交。 / The request has invalid fields; correct them and resend.",
            type: "https://titlereview.example/problems/validation");

    public static IResult NotFound(string chinese, string english) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found", detail: $"{chinese} / {english}",
            type: "https://titlereview.example/problems/not-found");

    public static IResult Conflict(string chinese, string english) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "与当前状态冲突 / Conflicts with the current state", detail: $"{chinese} / {english}",
            type: "https://titlereview.example/problems/conflict");

    public static IResult Unprocessable(string chinese, string english, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "不符合业务规则 / Breaks a business rule", detail: $"{chinese} / {english}",
            type: "https://titlereview.example/problems/rule", extensions: extensions);

    public static IResult TooManyRequests() =>
        Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: TitleFor(StatusCodes.Status429TooManyRequests),
            detail: "同一来源请求过于频繁，请一分钟后再试。 / Too many requests from this address; try again in a minute.",
            type: "https://titlereview.example/problems/rate-limited");

    /// <summary>The Chinese half of each validation message, for a page that shows them to a person.</summary>
    public static IEnumerable<string> ChineseOf(IDictionary<string, string[]> errors) =>
        errors.Values.SelectMany(messages => messages).Select(message => message.Split(" / ")[0]);

    /// <summary>Titles for answers the framework produces itself (unknown route, wrong method, wrong media type).</summary>
    public static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "请求格式错误 / The request is malformed",
        StatusCodes.Status401Unauthorized => "需要登录 / Sign-in required",
        StatusCodes.Status403Forbidden => "无权执行此操作 / Not allowed for your role",
        StatusCodes.Status404NotFound => "未找到 / Not found",
        StatusCodes.Status405MethodNotAllowed => "不支持该请求方法 / Method not allowed",
        StatusCodes.Status409Conflict => "与当前状态冲突 / Conflicts with the current state",
        StatusCodes.Status413PayloadTooLarge => "请求内容过大 / The request is too large",
        StatusCodes.Status415UnsupportedMediaType => "请使用 application/json 提交 / Send the body as application/json",
        StatusCodes.Status422UnprocessableEntity => "不符合业务规则 / Breaks a business rule",
        StatusCodes.Status429TooManyRequests => "请求过于频繁，请稍后再试 / Too many requests; try again later",
        >= 500 => "服务器内部错误，请稍后重试或联系管理员 / Internal error; try again later or contact the administrator",
        _ => "请求未能完成 / The request could not be completed",
    };
}
