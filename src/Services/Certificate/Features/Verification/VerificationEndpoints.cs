using TitleReview.BackOffice;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Certificate.Features.Verification;

/// <summary>Public, no sign-in, rate-limited: GET /api/certificates/verification and the page /certificates/verify.</summary>
public static class VerificationEndpoints
{
    private const int MaxLength = 50;

    public static IEndpointRouteBuilder MapCertificateVerification(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/certificates/verification", async (string? number, string? name, string? code, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            if (Invalid(number, name, code) is { } problem)
            {
                return Problems.Validation(problem);
            }

            return Results.Ok(await CertificateVerification.VerifyAsync(sessions, number!, name, code, cancellationToken));
        })
        .AllowAnonymous()
        .RequireRateLimiting(CertificateVerification.RateLimitPolicy)
        .WithTags("Certificates (public)");

        app.MapGet("/certificates/verify", async (string? number, string? name, string? code, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            var asked = number is not null || name is not null || code is not null;
            var errors = asked ? Invalid(number, name, code) : null;
            var answer = asked && errors is null ? await CertificateVerification.VerifyAsync(sessions, number!, name, code, cancellationToken) : null;
            return Pages.Render<VerifyPage>(new
            {
                Number = number, Name = name, Code = code, Answer = answer,
                Error = errors is null ? null : string.Join("；", errors.Values.SelectMany(messages => messages).Select(message => message.Chinese)),
            }, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        })
        .AllowAnonymous()
        .RequireRateLimiting(CertificateVerification.RateLimitPolicy);
        return app;
    }

    private static Dictionary<string, Bilingual[]>? Invalid(string? number, string? name, string? code)
    {
        var errors = new Dictionary<string, Bilingual[]>();
        if (string.IsNullOrWhiteSpace(number) || number.Length > MaxLength)
        {
            errors["number"] = [new("请输入证书编号。", "number is required (at most 50 characters).")];
        }

        if ((string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(code)) || name?.Length > MaxLength || code?.Length > MaxLength)
        {
            errors["name"] = [new("请输入持证人姓名或验证码。", "Give the holder's name or the verification code.")];
        }

        return errors.Count == 0 ? null : errors;
    }
}
