using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Certificate.Features.Verification;

/// <summary>Public, no sign-in, rate-limited: GET /api/certificates/verification and the page /certificates/verify.</summary>
public static class VerificationEndpoints
{
    private const int MaxLength = 50;
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

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
            return Results.Content(Render(number, name, code, answer, errors), "text/html; charset=utf-8", Encoding.UTF8,
                errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
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

    private static string Render(string? number, string? name, string? code, VerificationAnswer? answer, Dictionary<string, Bilingual[]>? errors)
    {
        string E(string? value) => Html.Encode(value ?? "");
        var html = new StringBuilder("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>职称证书查询</title>
            <style>
              body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:2rem auto;max-width:44rem;color:#222;padding:0 1rem}
              h1{color:#a00;font-size:1.6rem} label{display:block;margin:.6rem 0 .2rem} input{width:100%;padding:.45rem;box-sizing:border-box}
              button{margin-top:1rem;padding:.5rem 1.6rem} table{border-collapse:collapse;width:100%;margin-top:1rem}
              th,td{border:1px solid #ccc;padding:.45rem .6rem;text-align:left} th{background:#f4f4f4;width:9rem}
              .valid{background:#e8f5e9;padding:.7rem;font-weight:bold} .revoked{background:#fdecea;padding:.7rem;font-weight:bold;color:#a00}
              .none,.err{background:#fff4e5;padding:.7rem}
            </style></head><body><h1>职称证书查询</h1>
            <p>输入证书编号，以及持证人姓名或证书上的验证码，即可查验职称电子证书是否真实有效。</p>
            <form method="get" action="/certificates/verify">
            """);
        html.Append("<label for=\"number\">证书编号</label><input id=\"number\" name=\"number\" value=\"").Append(E(number)).Append("\" placeholder=\"如 XSGC-2023-Z-00001\">")
            .Append("<label for=\"name\">持证人姓名</label><input id=\"name\" name=\"name\" value=\"").Append(E(name)).Append("\">")
            .Append("<label for=\"code\">或 验证码</label><input id=\"code\" name=\"code\" value=\"").Append(E(code)).Append("\">")
            .Append("<button type=\"submit\">查询</button></form>");
        if (errors is not null)
        {
            html.Append("<p class=\"err\" role=\"alert\">").Append(E(string.Join("；", errors.Values.SelectMany(messages => messages).Select(message => message.Chinese)))).Append("</p>");
        }

        if (answer is not null)
        {
            var css = answer.Result switch { VerificationResult.Valid => "valid", VerificationResult.Revoked => "revoked", _ => "none" };
            html.Append("<p class=\"").Append(css).Append("\" role=\"status\">").Append(E(answer.ResultChinese)).Append("</p>");
            if (answer.Certificate is { } c)
            {
                html.Append("<table><tbody>");
                foreach (var (label, value) in new[]
                {
                    ("证书编号", c.Number), ("姓名", c.HolderName), ("资格名称", c.Title), ("级别", c.Grade), ("专业", $"{c.Series} · {c.Specialty}"),
                    ("评审委员会", c.CommitteeName), ("评审通过时间", Date(c.DecisionDate)), ("发证日期", Date(c.IssueDate)),
                })
                {
                    html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
                }

                html.Append("</tbody></table>");
            }
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
