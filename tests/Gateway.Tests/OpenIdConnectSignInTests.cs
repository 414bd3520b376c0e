using System.Net;
using System.Text.RegularExpressions;
using TitleReview.IdentityProvider.Account;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Gateway.Tests;

/// <summary>
/// The gateway's sign-in through a real OpenID Connect provider (the development one), as a browser does it: the
/// client follows every redirect, keeps every cookie, and fills in the provider's own sign-in form.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class OpenIdConnectSignInTests(SystemFixture system)
{
    [Fact]
    public async Task Signing_in_through_the_identity_provider_opens_the_review_pages_and_signing_out_ends_both_sessions()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true });

        // The gateway's sign-in page offers the provider; following it ends on the provider's sign-in form.
        var signInPage = await browser.GetStringAsync(new Uri(system.GatewayAddress, "/account/login?returnUrl=%2Freview"));
        Assert.Contains("使用统一身份认证登录", signInPage);
        using var atProvider = await browser.GetAsync(new Uri(system.GatewayAddress, "/account/login/oidc?returnUrl=%2Freview"));
        Assert.Equal(system.IdentityProviderAddress.Authority, atProvider.RequestMessage!.RequestUri!.Authority);
        var form = await atProvider.Content.ReadAsStringAsync();

        // Signing in at the provider comes back through the gateway's callback to the page asked for, as that person.
        using var back = await browser.PostAsync(new Uri(system.IdentityProviderAddress, "/account/login"), new FormUrlEncodedContent(
            [Field(TokenField(), form, 1), new("returnUrl", Field(ReturnUrlField(), form, 1).Value), new("userId", "reviewer-wang"), new("password", DevelopmentUsers.Password)]));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(new Uri(system.GatewayAddress, "/review"), back.RequestMessage!.RequestUri);
        var queue = await back.Content.ReadAsStringAsync();
        Assert.Contains("待审队列", queue);
        Assert.Contains("王审核", queue);

        // Signing out at the gateway goes through the provider's end-session endpoint and back to the gateway's sign-in.
        using var signedOut = await browser.PostAsync(new Uri(system.GatewayAddress, "/account/logout"), new FormUrlEncodedContent([Field(TokenField(), queue, 1)]));
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal(new Uri(system.GatewayAddress, "/account/login"), signedOut.RequestMessage!.RequestUri);

        using var page = await browser.GetAsync(new Uri(system.GatewayAddress, "/review"));
        Assert.Equal("/account/login", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(system.GatewayAddress.Authority, page.RequestMessage.RequestUri.Authority);
        // The provider's session ended too: asking it again shows its sign-in form instead of signing straight back in.
        using var again = await browser.GetAsync(new Uri(system.GatewayAddress, "/account/login/oidc?returnUrl=%2Freview"));
        Assert.Equal(system.IdentityProviderAddress.Authority, again.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/account/login", again.RequestMessage.RequestUri.AbsolutePath);
    }

    [Fact]
    public async Task The_provider_refuses_a_wrong_password_and_a_return_address_off_its_site()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = system.IdentityProviderAddress };
        var form = await browser.GetStringAsync("/account/login");
        Assert.DoesNotContain("reviewer-wang", form);
        using var wrong = await browser.PostAsync("/account/login", new FormUrlEncodedContent(
            [Field(TokenField(), form, 1), new("userId", "reviewer-wang"), new("password", "not-the-password")]));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        using var offSite = await browser.PostAsync("/account/login", new FormUrlEncodedContent(
            [Field(TokenField(), form, 1), new("returnUrl", "https://evil.example/"), new("userId", "reviewer-wang"), new("password", DevelopmentUsers.Password)]));
        Assert.Equal(HttpStatusCode.Redirect, offSite.StatusCode);
        Assert.Equal("/", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_provider_refuses_a_control_character_in_the_return_address_and_signs_no_one_in()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = system.IdentityProviderAddress };
        var form = await browser.GetStringAsync("/account/login");
        using var refused = await browser.PostAsync("/account/login", new FormUrlEncodedContent(
            [Field(TokenField(), form, 1), new("returnUrl", "/connect/authorize\r\nSet-Cookie: stolen=1"), new("userId", "reviewer-wang"), new("password", DevelopmentUsers.Password)]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("返回地址含有控制字符", await refused.Content.ReadAsStringAsync());
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(ProviderSession.CookieName + "=", StringComparison.Ordinal)),
            "the provider issues no session cookie");
    }

    private static KeyValuePair<string, string> Field(Regex field, string html, int group)
    {
        var match = field.Match(html);
        Assert.True(match.Success, $"no {field} in the page");
        return match.Groups.Count > 2
            ? new(match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value))
            : new("value", WebUtility.HtmlDecode(match.Groups[group].Value));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<input type=\"hidden\" name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
