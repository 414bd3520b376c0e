using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// Authenticates API calls that carry <c>Authorization: ApiKey &lt;key&gt;</c>. The key is hashed and compared in
/// constant time with the configured hashes; the client's id and roles become the caller's claims, and so the
/// acting user recorded on every event.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptionsMonitor<ApiClientOptions> clients)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[(SchemeName.Length + 1)..].Trim()));
        foreach (var client in clients.CurrentValue.Clients)
        {
            if (client.KeySha256.Length == 64 && CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(client.KeySha256)))
            {
                var identity = new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, client.Id), .. client.Roles.Select(role => new Claim(ClaimTypes.Role, role))], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
    }
}
