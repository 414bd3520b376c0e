using System.Net;
using System.Text;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.EndToEnd.Tests;

/// <summary>Every non-public endpoint names the roles it accepts: anonymous gets 401, a wrong role 403, both as problem+json.</summary>
[Collection(SystemCollection.Name)]
public sealed class AuthorizationTests(SystemFixture system)
{
    public static TheoryData<string, string, string, string> Protected() => new()
    {
        // service, method, path, a role that must be refused
        { "intake", "POST", "/api/applications", Roles.Reviewer },
        { "intake", "GET", $"/api/applications/{Guid.NewGuid()}", Roles.Finance },
        { "review", "GET", "/api/review/queue", Roles.Portal },
        { "review", "POST", $"/api/review/applications/{Guid.NewGuid()}/final-approval", Roles.CommitteeSecretary },
        { "review", "POST", "/api/committee/decisions", Roles.Reviewer },
        { "payment", "POST", "/api/payments", Roles.Reviewer },
        { "certificate", "GET", $"/api/certificates/by-application/{Guid.NewGuid()}", Roles.Finance },
        { "intake", "GET", "/api/applications/by-id-number?idNumber=32020019900101123X", Roles.Portal },
        { "certificate", "GET", "/api/certificates/XSGC-2023-Z-00001/pdf", Roles.Finance },
        { "certificate", "GET", "/api/certificates/XSGC-2023-Z-00001/application-form", Roles.Reviewer },
        { "certificate", "POST", "/api/certificates/XSGC-2023-Z-00001/revocation", Roles.CommitteeSecretary },
        { "audit", "GET", "/api/audit/applications", Roles.Reviewer },
        { "audit", "GET", $"/api/audit/applications/{Guid.NewGuid()}/events", Roles.Portal },
        { "audit", "GET", $"/api/audit/applications/{Guid.NewGuid()}/events/export?format=csv", Roles.Finance },
        { "audit", "GET", $"/api/audit/applications/{Guid.NewGuid()}/state?version=1", Roles.CommitteeSecretary },
        { "audit", "GET", $"/api/audit/applications/{Guid.NewGuid()}/verification", Roles.PublicityOfficer },
        { "audit", "POST", "/api/audit/verifications", Roles.Reviewer },
        { "audit", "GET", "/api/audit/verifications", Roles.Finance },
        { "audit", "GET", $"/api/audit/verifications/{Guid.NewGuid()}/findings/export", Roles.Portal },
        { "audit", "POST", "/api/audit/seals", Roles.Finance },
        { "audit", "GET", "/api/audit/seals", Roles.Reviewer },
        { "audit", "POST", "/api/audit/seals/check", Roles.Portal },
        { "audit", "GET", "/audit", Roles.Reviewer },
        { "audit", "GET", $"/audit/applications/{Guid.NewGuid()}", Roles.Portal },
        { "audit", "GET", "/audit/verifications", Roles.Finance },
        { "review", "POST", $"/api/review/applications/{Guid.NewGuid()}/claim", Roles.Finance },
        { "review", "POST", $"/api/review/applications/{Guid.NewGuid()}/revision", Roles.CommitteeSecretary },
        { "review", "POST", $"/api/review/applications/{Guid.NewGuid()}/rejection", Roles.Portal },
        { "review", "GET", "/review", Roles.Finance },
        { "review", "GET", $"/review/applications/{Guid.NewGuid()}", Roles.Auditor },
        { "payment", "GET", "/finance", Roles.Reviewer },
        { "intake", "POST", $"/api/applications/{Guid.NewGuid()}/resubmission", Roles.Reviewer },
    };

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Anonymous_callers_get_401_and_wrong_roles_get_403(string service, string method, string path, string wrongRole)
    {
        var host = service switch
        {
            "intake" => (Func<HttpClient>)system.NewIntakeClient,
            "audit" => system.Audit.CreateClient,
            "review" => system.NewReviewClient,
            "payment" => system.NewPaymentClient,
            _ => system.Certificate.CreateClient,
        };

        using var anonymous = host();
        if (path.StartsWith("/api", StringComparison.Ordinal))
        {
            await AssertProblem(anonymous, method, path, HttpStatusCode.Unauthorized);
        }
        else
        {
            // A page sends a person to the sign-in page instead, and back afterwards.
            using var person = service switch
            {
                "audit" => system.Audit.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
                "review" => new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.ReviewAddress },
                _ => new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.PaymentAddress },
            };
            using var page = await person.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/login?ReturnUrl=", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var wrong = host().As(wrongRole);
        await AssertProblem(wrong, method, path, HttpStatusCode.Forbidden);

        using var forged = host();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", "dev-key-admin-but-wrong");
        await AssertProblem(forged, method, path, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_and_the_official_working_days_are_public()
    {
        using var anonymous = system.NewPublicityClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/working-days/end?start=2023-09-27&days=5")).StatusCode);
    }

    private static async Task AssertProblem(HttpClient client, string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            // Form endpoints are matched by content type first (415 otherwise): send each the kind of body it takes.
            request.Content = path.EndsWith("/revocation", StringComparison.Ordinal)
                ? new MultipartFormDataContent { { new StringContent("reason"), "reason" } }
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var title = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", title);
    }
}
