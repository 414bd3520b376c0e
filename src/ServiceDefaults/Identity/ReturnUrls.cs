namespace TitleReview.ServiceDefaults.Identity;

/// <summary>Where a sign-in may send the person back to: the services' sign-in pages, the gateway's and the development identity provider's.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// Only a path on this site: an open redirect would let a phishing link borrow our sign-in page. Control characters
    /// never pass; other non-ASCII text (a Chinese query) is percent-encoded, as a Location header must be ASCII.
    /// </summary>
    public static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? string.Concat(url.EnumerateRunes().Select(rune => rune.Value < 128 ? rune.ToString() : Uri.EscapeDataString(rune.ToString())))
            : "/";
}
