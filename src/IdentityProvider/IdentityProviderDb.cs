using Microsoft.EntityFrameworkCore;

namespace TitleReview.IdentityProvider;

/// <summary>OpenIddict's applications, authorizations and tokens, in memory: this provider forgets everything when it stops.</summary>
public sealed class IdentityProviderDb(DbContextOptions<IdentityProviderDb> options) : DbContext(options);
