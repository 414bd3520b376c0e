using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace TitleReview.ServiceDefaults.OpenApi;

/// <summary>
/// Who may call an endpoint, read from the metadata the authorization middleware itself enforces: public
/// (<c>AllowAnonymous</c>), or the roles every role requirement on it accepts. <see cref="Roles"/> is null for an
/// endpoint that only needs some signed-in caller (the fallback policy): that is no role decision at all.
/// </summary>
public sealed record EndpointAccess(bool IsPublic, IReadOnlySet<string>? Roles)
{
    public static EndpointAccess Of(IEnumerable<object> metadata)
    {
        var items = metadata.ToList();
        if (items.OfType<IAllowAnonymous>().Any())
        {
            return new EndpointAccess(true, null);
        }

        // Every requirement must hold, so the callers admitted are those in every role list (nested groups narrow).
        var roleLists = items.OfType<AuthorizationPolicy>()
            .SelectMany(policy => policy.Requirements.OfType<RolesAuthorizationRequirement>())
            .Select(requirement => requirement.AllowedRoles)
            .Concat(items.OfType<IAuthorizeData>().Where(data => !string.IsNullOrWhiteSpace(data.Roles))
                .Select(data => data.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).AsEnumerable()))
            .ToList();
        if (roleLists.Count == 0)
        {
            return new EndpointAccess(false, null);
        }

        var roles = new HashSet<string>(roleLists[0], StringComparer.Ordinal);
        foreach (var list in roleLists.Skip(1))
        {
            roles.IntersectWith(list);
        }

        return new EndpointAccess(false, roles);
    }
}
