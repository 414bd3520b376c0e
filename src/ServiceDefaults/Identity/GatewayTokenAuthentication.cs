using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// A service's side of the gateway's token (<see cref="GatewayToken"/>): only ES256 with the configured public key,
/// this issuer and audience, a lifetime of at most five minutes; the person's claims become the same
/// <see cref="ClaimTypes.Name"/>, <c>display_name</c> and <see cref="ClaimTypes.Role"/> the service's own sign-in
/// gives, so events record the person as the actor whichever way they came in.
/// </summary>
public static class GatewayTokenAuthentication
{
    /// <summary>Adds the scheme when a public key is configured (or Development's fallback applies); false otherwise.</summary>
    public static bool AddIfTrusted(AuthenticationBuilder authentication, IConfiguration configuration, bool isDevelopment)
    {
        if (GatewayToken.PublicKey(configuration, isDevelopment) is not { } key)
        {
            return false;
        }

        authentication.AddJwtBearer(GatewayToken.Scheme, options =>
        {
            // The key is configured: nothing is fetched from an authority, and claims keep their JWT names until mapped below.
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = GatewayToken.Issuer,
                ValidAudience = GatewayToken.Audience,
                IssuerSigningKey = key,
                ValidateIssuerSigningKey = true,
                // Only the algorithm the gateway uses: "none", HMAC with the public key as secret and the like never pass.
                ValidAlgorithms = [GatewayToken.Algorithm],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            options.Events = new JwtBearerEvents { OnTokenValidated = AsBackOfficePerson };
        });
        return true;
    }

    private static Task AsBackOfficePerson(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token
            || token.IssuedAt == DateTime.MinValue
            || token.ValidTo - token.IssuedAt > GatewayToken.MaxLifetime
            || context.Principal?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is not { Length: > 0 } userId)
        {
            context.Fail("The gateway token has no subject, no issue time or lives longer than the gateway ever issues.");
            return Task.CompletedTask;
        }

        // Only what the person is, not the token's own times or id: the anti-forgery token a page carries is bound to
        // these claims, and must stay valid when the gateway sends a fresh token a few minutes later.
        var principal = context.Principal;
        var displayName = principal.FindFirst(GatewayToken.DisplayNameClaim)?.Value ?? userId;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, userId),
                new Claim(GatewayToken.DisplayNameClaim, displayName),
                .. principal.FindAll(GatewayToken.RoleClaim).Select(role => new Claim(ClaimTypes.Role, role.Value)),
            ],
            GatewayToken.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        context.Principal = new ClaimsPrincipal(identity);
        return Task.CompletedTask;
    }
}
