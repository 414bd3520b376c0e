namespace TitleReview.IdentityProvider.Account;

/// <summary>This provider's own sign-in, a cookie of its own name (the gateway's and the services' are others).</summary>
public static class ProviderSession
{
    public const string Scheme = "IdentityProvider";
    public const string CookieName = ".TitleReview.IdentityProvider";
    public const string LoginPath = "/account/login";
    public const string SignInRateLimitPolicy = "sign-in";
}
