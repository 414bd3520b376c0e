using System.Net;
using TitleReview.Certificate.Features.Issue;

namespace TitleReview.Certificate.IntegrationTests;

/// <summary>Public verification is rate-limited per address against enumeration of certificate numbers.</summary>
[Collection(CertificateLedgerCollection.Name)]
public sealed class CertificateRateLimitTests(CertificateLedgerFixture ledger)
{
    [Fact]
    public async Task Guessing_numbers_quickly_is_stopped_with_a_bilingual_429()
    {
        // A second instance with a tight limit; it consumes no messages, so it cannot take the fixture's work.
        await using var strict = new ServiceHost<CertificateRecord>(ledger.Infrastructure, new Dictionary<string, string>
        {
            ["Messaging:Consumers"] = "false",
            ["Certificate:Verification:PerMinute"] = "3",
        });
        using var anyone = strict.CreateClient();

        for (var i = 1; i <= 3; i++)
        {
            using var allowed = await anyone.GetAsync($"/api/certificates/verification?number=XSGC-2023-Z-{i:D5}&name=x");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var stopped = await anyone.GetAsync("/certificates/verify?number=XSGC-2023-Z-00004&name=x");
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.Equal("application/problem+json", stopped.Content.Headers.ContentType?.MediaType);
        Assert.Contains("过于频繁", await stopped.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Behind_the_gateway_each_caller_has_its_own_budget_and_a_caller_cannot_pick_one_by_a_second_address()
    {
        // Behind the gateway every request arrives from the gateway, which names the caller in X-Forwarded-For. Were
        // that ignored, one person guessing numbers would lock out the whole public.
        await using var strict = new ServiceHost<CertificateRecord>(ledger.Infrastructure, new Dictionary<string, string>
        {
            ["Messaging:Consumers"] = "false",
            ["Certificate:Verification:PerMinute"] = "2",
        });
        using var gateway = strict.CreateClient();

        for (var i = 1; i <= 2; i++)
        {
            using var allowed = await VerifyAsync(gateway, "198.51.100.7", i);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var stopped = await VerifyAsync(gateway, "198.51.100.7", 3))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        }

        using (var someoneElse = await VerifyAsync(gateway, "198.51.100.8", 4))
        {
            Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
        }

        // Only the last hop counts (the gateway's own entry): an address the caller put in front changes nothing.
        using (var disguised = await VerifyAsync(gateway, "203.0.113.99, 198.51.100.7", 5))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, disguised.StatusCode);
        }
    }

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string forwardedFor, int guess)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/certificates/verification?number=XSGC-2023-Z-{guess:D5}&name=x");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
