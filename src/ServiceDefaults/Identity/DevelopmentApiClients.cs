using System.Security.Cryptography;
using System.Text;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// DEVELOPMENT ONLY. Well-known keys, one per role, used when the environment is Development and no
/// <c>Auth:Clients</c> are configured, so the demo and the tests can call every endpoint. Any other environment
/// gets no client it was not configured with.
/// </summary>
public static class DevelopmentApiClients
{
    public static readonly IReadOnlyDictionary<string, string> KeyByRole = Roles.All.ToDictionary(role => role, role => $"dev-key-{role}");

    /// <summary>A second portal client, so a development setup can see that clients do not see each other's applications.</summary>
    public const string SecondPortalKey = "dev-key-portal-b";

    public static List<ApiClient> Create() =>
    [
        new ApiClient { Id = "dev-portal-b", Roles = [Roles.Portal], KeySha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SecondPortalKey))) },
        .. KeyByRole.Select(pair => new ApiClient
        {
            Id = $"dev-{pair.Key}",
            Roles = [pair.Key],
            KeySha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pair.Value))),
        }),
    ];
}
