using System.Net;
using System.Text;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.SystemTests;

/// <summary>
/// Every non-public page and endpoint, with every role and with nobody: allowed roles get in, other roles get 403,
/// anonymous callers 401 (APIs) or the sign-in page (pages), all refusals as problem+json in Chinese and English.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AuthorizationTests(SystemFixture system)
{
    [Theory]
    [MemberData(nameof(AuthorizationMatrix.Cases), MemberType = typeof(AuthorizationMatrix))]
    public async Task Every_page_and_endpoint_admits_its_roles_and_refuses_everyone_else(string endpointName, string caller)
    {
        var endpoint = AuthorizationMatrix.Find(endpointName);
        using var client = Client(endpoint.Service);
        if (caller == "anonymous")
        {
            if (endpoint.IsPage)
            {
                // A page sends a person to the sign-in page instead, and back afterwards.
                using var page = await client.GetAsync(endpoint.Path);
                Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
                Assert.StartsWith("/account/login?ReturnUrl=", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
            else
            {
                await AssertProblem(client, endpoint, HttpStatusCode.Unauthorized);
            }

            return;
        }

        client.As(caller);
        if (caller == Roles.Admin || endpoint.Allowed.Contains(caller))
        {
            if (!endpoint.Effects)
            {
                using var admitted = await SendAsync(client, endpoint);
                // Admitted means neither refused nor broken: a 500 for an allowed role is a failure too (issue #16).
                Assert.True(admitted.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{caller} was refused {endpoint}: {admitted.StatusCode}");
                Assert.True((int)admitted.StatusCode < 500, $"{caller} was admitted to {endpoint} but it failed: {admitted.StatusCode} {await admitted.Content.ReadAsStringAsync()}");
            }

            return;
        }

        await AssertProblem(client, endpoint, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_forged_key_is_refused_as_unauthenticated()
    {
        using var forged = system.NewReviewClient();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", "dev-key-admin-but-wrong");
        await AssertProblem(forged, AuthorizationMatrix.Find("GET review/api/review/queue"), HttpStatusCode.Unauthorized);
    }

    /// <summary>A client that does not follow redirects, so a page's redirect to sign-in is seen as such.</summary>
    private HttpClient Client(string service) => service switch
    {
        _ => new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = service switch
            {
                "intake" => system.IntakeAddress,
                "review" => system.ReviewAddress,
                "publicity" => system.PublicityAddress,
                "certificate" => system.CertificateAddress,
                "audit" => system.AuditAddress,
                _ => system.PaymentAddress,
            },
        },
    };

    [Fact]
    public async Task Health_and_the_official_working_days_are_public()
    {
        using var anonymous = system.NewPublicityClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/working-days/end?start=2023-09-27&days=5")).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, ProtectedEndpoint endpoint)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
        if (endpoint.Method == "POST")
        {
            // Form endpoints are matched by content type first (415 otherwise): send each the kind of body it takes.
            request.Content = endpoint.TakesForm
                ? new MultipartFormDataContent { { new StringContent("x"), "reason" } }
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static async Task AssertProblem(HttpClient client, ProtectedEndpoint endpoint, HttpStatusCode expected)
    {
        using var response = await SendAsync(client, endpoint);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var title = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", title);
    }
}
