using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Gateway.Identity;

/// <summary>
/// Mints the token that tells a service who the signed-in person is (<see cref="GatewayToken"/>): ES256, five minutes,
/// the person's id, display name and roles, nothing else. A token is reused for a few minutes per person and role set
/// (signing is cheap, but not free on every request of every page); it is never reused in its last minute.
/// </summary>
public sealed class GatewayTokenIssuer(ECDsaSecurityKey key, TimeProvider clock, IMemoryCache cache)
{
    private static readonly TimeSpan Reuse = GatewayToken.MaxLifetime - TimeSpan.FromMinutes(1);
    private readonly SigningCredentials credentials = new(key, GatewayToken.Algorithm);
    private readonly JsonWebTokenHandler handler = new();

    public string For(ClaimsPrincipal person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var userId = person.Identity?.Name ?? throw new InvalidOperationException("A signed-in person without a name.");
        var displayName = person.FindFirst(GatewayToken.DisplayNameClaim)?.Value ?? userId;
        string[] roles = [.. person.FindAll(ClaimTypes.Role).Select(role => role.Value).Order(StringComparer.Ordinal)];
        return cache.GetOrCreate(("gateway-token", userId, displayName, string.Join(',', roles)), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Reuse;
            var now = clock.GetUtcNow().UtcDateTime;
            return handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = GatewayToken.Issuer,
                Audience = GatewayToken.Audience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now + GatewayToken.MaxLifetime,
                SigningCredentials = credentials,
                Claims = new Dictionary<string, object>
                {
                    [JwtRegisteredClaimNames.Sub] = userId,
                    [JwtRegisteredClaimNames.Name] = userId,
                    [GatewayToken.DisplayNameClaim] = displayName,
                    [GatewayToken.RoleClaim] = roles,
                },
            });
        })!;
    }
}
