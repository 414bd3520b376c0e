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
}
