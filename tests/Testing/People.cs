using System.Net;
using System.Text.RegularExpressions;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Testing;

/// <summary>A person at a browser-like HTTP client: keeps cookies, does not follow redirects, signs in through the page.</summary>
public sealed partial class Person(Uri service) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = service };

    public HttpClient Http => http;

    /// <summary>Signs in with the development password; returns the sign-in answer (302 on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userId, string password = DevelopmentUsers.Password, string returnUrl = "/")
    {
        var token = await FormTokenAsync("/account/login");
        return await http.PostAsync("/account/login", new FormUrlEncodedContent(
            [token, new("userId", userId), new("password", password), new("returnUrl", returnUrl)]));
    }

    /// <summary>The anti-forgery field of the form on <paramref name="page"/>, as a browser would submit it.</summary>
    public async Task<KeyValuePair<string, string>> FormTokenAsync(string page)
    {
        var html = await http.GetStringAsync(page);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"no anti-forgery field on {page}");
        return new(match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
