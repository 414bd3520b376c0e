using Microsoft.AspNetCore.Http;
using TitleReview.Domain;

namespace TitleReview.Web.Http;

/// <summary>
/// RFC 9457 problem+json answers in Chinese and English. Officers read the Chinese; the portal's developers
/// and logs read the English. Every message arrives here as a <see cref="Bilingual"/> and is joined ("中文 / English")
/// only on the wire.
/// </summary>
public static class Problems
{
    /// <summary>The title of every validation problem (400 with <c>errors</c>).</summary>
    public static readonly Bilingual ValidationTitle =
        new("请求内容有误，请按字段说明修改后重新提交。", "The request has invalid fields; correct them and resend.");

    public static IResult Validation(IDictionary<string, Bilingual[]> errors) =>
        Results.ValidationProblem(
            WireErrors(errors),
            title: ValidationTitle.ToString(),
            type: "https://titlereview.example/problems/validation");

    /// <summary>Field errors as problem+json carries them: each message joined "中文 / English", fields in their order.</summary>
    public static Dictionary<string, string[]> WireErrors(IDictionary<string, Bilingual[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.ToDictionary(error => error.Key, error => error.Value.Select(message => message.ToString()).ToArray());
    }

    public static IResult NotFound(Bilingual detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: TitleFor(StatusCodes.Status404NotFound), detail: detail.ToString(),
            type: "https://titlereview.example/problems/not-found");

    public static IResult Conflict(Bilingual detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: TitleFor(StatusCodes.Status409Conflict), detail: detail.ToString(),
            type: "https://titlereview.example/problems/conflict");

    public static IResult Unprocessable(Bilingual detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: TitleFor(StatusCodes.Status422UnprocessableEntity), detail: detail.ToString(),
            type: "https://titlereview.example/problems/rule", extensions: extensions);


    public static IResult TooManyRequests() =>
        Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: TitleFor(StatusCodes.Status429TooManyRequests),
            detail: new Bilingual("同一来源请求过于频繁，请一分钟后再试。", "Too many requests from this address; try again in a minute.").ToString(),
            type: "https://titlereview.example/problems/rate-limited");

    /// <summary>Titles for answers the framework produces itself (unknown route, wrong method, wrong media type).</summary>
    public static string TitleFor(int status) => TitleOf(status).ToString();

    /// <summary>The title of a status in both languages.</summary>
    public static Bilingual TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => new("请求格式错误", "The request is malformed"),
        StatusCodes.Status401Unauthorized => new("需要登录", "Sign-in required"),
        StatusCodes.Status403Forbidden => new("无权执行此操作", "Not allowed for your role"),
        StatusCodes.Status404NotFound => new("未找到", "Not found"),
        StatusCodes.Status405MethodNotAllowed => new("不支持该请求方法", "Method not allowed"),
        StatusCodes.Status409Conflict => new("与当前状态冲突", "Conflicts with the current state"),
        StatusCodes.Status413PayloadTooLarge => new("请求内容过大", "The request is too large"),
        StatusCodes.Status415UnsupportedMediaType => new("请使用 application/json 提交", "Send the body as application/json"),
        StatusCodes.Status422UnprocessableEntity => new("不符合业务规则", "Breaks a business rule"),
        StatusCodes.Status429TooManyRequests => new("请求过于频繁，请稍后再试", "Too many requests; try again later"),
        >= 500 => new("服务器内部错误，请稍后重试或联系管理员", "Internal error; try again later or contact the administrator"),
        _ => new("请求未能完成", "The request could not be completed"),
    };
}
