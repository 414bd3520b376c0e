using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TitleReview.Gateway.Identity;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Gateway.Tests;

/// <summary>
/// Anyone can reach a service's port and send <c>Authorization: Bearer</c>; only a token the gateway's key signed, for
/// the services, in its short lifetime, is a person. Each forgery here is sent straight to the Review service.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ForgedTokenTests(SystemFixture system)
{
    private static readonly ECDsaSecurityKey GatewayKey = GatewayToken.PrivateKey(new ConfigurationBuilder().Build(), isDevelopment: true)!;

    public static TheoryData<string, string> Forgeries() => new()
    {
        { "signed with another key", Sign(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)), GatewayToken.Algorithm) },
        { "expired", Sign(GatewayKey, GatewayToken.Algorithm, issuedAgo: TimeSpan.FromMinutes(10)) },
        { "for another audience", Sign(GatewayKey, GatewayToken.Algorithm, audience: "someone-else") },
        { "from another issuer", Sign(GatewayKey, GatewayToken.Algorithm, issuer: "titlereview-impostor") },
        { "living longer than the gateway ever issues", Sign(GatewayKey, GatewayToken.Algorithm, lifetime: TimeSpan.FromHours(8)) },
        { "alg none", Unsigned() },
        // The classic confusion: HMAC with the public key, which every service holds, as the shared secret.
        { "HS256 with the public key as secret", Sign(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(DevelopmentGatewayKeys.PublicKeyPem)), SecurityAlgorithms.HmacSha256) },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_bearer_token_gets_401_at_the_service(string forgery, string token)
    {
        foreach (var path in new[] { "/api/review/queue", "/review" })
        {
            using var response = await DirectAsync(path, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{forgery} on {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_token_the_gateway_issued_works_at_the_service_only_while_its_signature_holds()
    {
        var issuer = system.Gateway.Services.GetRequiredService<GatewayTokenIssuer>();
        var token = issuer.For(Person("reviewer-li", "李审核", Roles.Reviewer));

        using (var page = await DirectAsync("/review", token))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("李审核", await page.Content.ReadAsStringAsync());
        }

        using (var api = await DirectAsync("/api/review/queue", token))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }

        // The same token with a role it never had (payload changed, signature kept), and with its signature altered.
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"reviewer\"", "\"admin\"", StringComparison.Ordinal);
        var promoted = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var resigned = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        foreach (var forged in new[] { promoted, resigned })
        {
            using var response = await DirectAsync("/api/review/queue", forged);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private async Task<HttpResponseMessage> DirectAsync(string path, string token)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.ReviewAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }

    private static ClaimsPrincipal Person(string id, string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, id), new Claim(GatewayToken.DisplayNameClaim, name), new Claim(ClaimTypes.Role, role)], "test"));

    private static string Sign(SecurityKey key, string algorithm, string audience = GatewayToken.Audience, string issuer = GatewayToken.Issuer,
        TimeSpan? issuedAgo = null, TimeSpan? lifetime = null)
    {
        var issued = DateTime.UtcNow - (issuedAgo ?? TimeSpan.Zero);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + (lifetime ?? GatewayToken.MaxLifetime),
            SigningCredentials = new SigningCredentials(key, algorithm),
            Claims = new Dictionary<string, object> { ["sub"] = "admin-wu", [GatewayToken.RoleClaim] = new[] { Roles.Admin, Roles.Reviewer } },
        });
    }

    private static string Unsigned()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(
            $$"""{"sub":"admin-wu","role":["admin","reviewer"],"iss":"{{GatewayToken.Issuer}}","aud":"{{GatewayToken.Audience}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 300}}}""");
        return $"{header}.{payload}.";
    }
}
