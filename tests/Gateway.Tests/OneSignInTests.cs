using System.Net;
using TitleReview.Gateway.Identity;

namespace TitleReview.Gateway.Tests;

/// <summary>One sign-in at the gateway opens every back-office page the person's roles allow, and one sign-out closes them all.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OneSignInTests(SystemFixture system)
{
    private static readonly string[] Pages = ["/review", "/committee", "/finance", "/audit"];

    [Fact]
    public async Task An_admin_signs_in_once_and_reaches_the_review_finance_committee_and_audit_pages_as_themselves()
    {
        using var person = new Person(system.GatewayAddress);
        using var signedIn = await person.SignInAsync("admin-wu", returnUrl: "/review");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/review", signedIn.Headers.Location!.OriginalString);

        // Each page as its service renders it for an admin (an anonymous call would have been sent to sign in); every page's
        // header names the person the service saw, so the gateway's token carried who they are, not only that someone is.
        foreach (var (page, shows) in new[] { ("/review", "吴管理员"), ("/committee", "吴管理员"), ("/finance", "吴管理员"), ("/audit", "吴管理员") })
        {
            using var response = await person.Http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            Assert.Contains(shows, await response.Content.ReadAsStringAsync());
        }

        var home = await person.Http.GetStringAsync("/");
        foreach (var page in new[] { "/review", "/committee", "/publicity-desk", "/finance", "/audit" })
        {
            Assert.Contains($"href=\"{page}\"", home);
        }
    }

    [Fact]
    public async Task A_reviewer_sees_their_name_on_the_review_pages_their_part_at_home_and_is_refused_the_finance_desk_by_the_service()
    {
        using var person = new Person(system.GatewayAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync("reviewer-wang")).StatusCode);

        var queue = await person.Http.GetStringAsync("/review");
        Assert.Contains("待审队列", queue);
        Assert.Contains("王审核", queue);
        using var finance = await person.Http.GetAsync("/finance");
        Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);

        var home = await person.Http.GetStringAsync("/");
        Assert.Contains("href=\"/review\"", home);
        Assert.DoesNotContain("href=\"/finance\"", home);
    }

    [Fact]
    public async Task After_signing_out_every_page_leads_to_the_gateway_sign_in_again()
    {
        using var person = new Person(system.GatewayAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync("admin-wu")).StatusCode);
        foreach (var page in Pages)
        {
            using var open = await person.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        // The sign-out button of a service's page (the back-office frame, its token made by the service) posts to the
        // gateway's /account/logout: one key ring and one anti-forgery cookie make that token good at the gateway too.
        var token = await person.FormTokenAsync("/review");
        using var signedOut = await person.Http.PostAsync("/account/logout", new FormUrlEncodedContent([token]));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/login", signedOut.Headers.Location!.OriginalString);

        foreach (var page in Pages.Append("/"))
        {
            using var closed = await person.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(page)}", closed.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Signing_out_needs_the_anti_forgery_token()
    {
        using var person = new Person(system.GatewayAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync("auditor-zhou")).StatusCode);

        using var forged = await person.Http.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        using var stillIn = await person.Http.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Sign_in_at_the_gateway_refuses_a_wrong_password_a_form_without_its_token_and_an_address_off_the_site()
    {
        using var person = new Person(system.GatewayAddress);
        using var wrong = await person.SignInAsync("reviewer-wang", "not-the-password");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("用户名或密码错误", await wrong.Content.ReadAsStringAsync());

        using var stranger = new Person(system.GatewayAddress);
        using var forged = await stranger.Http.PostAsync("/account/login",
            new FormUrlEncodedContent([new("userId", "reviewer-wang"), new("password", TitleReview.ServiceDefaults.Identity.DevelopmentUsers.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var offSite = await person.SignInAsync("reviewer-wang", returnUrl: "//evil.example/phish");
        Assert.Equal("/", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_at_the_gateway_refuses_a_control_character_in_the_return_address_even_with_the_right_password()
    {
        using var person = new Person(system.GatewayAddress);
        using var refused = await person.SignInAsync("reviewer-wang", returnUrl: "/review\r\nSet-Cookie: stolen=1");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("返回地址含有控制字符", await refused.Content.ReadAsStringAsync());
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(GatewaySession.CookieName + "=", StringComparison.Ordinal)),
            "no session cookie is issued");
        Assert.Equal(HttpStatusCode.Redirect, (await person.Http.GetAsync("/review")).StatusCode);
    }

    [Fact]
    public async Task Pages_lead_to_the_gateway_sign_in_while_apis_and_public_pages_are_forwarded_as_they_come()
    {
        using var person = new Person(system.GatewayAddress);
        using var page = await person.Http.GetAsync("/finance?tab=refunds");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Ffinance%3Ftab%3Drefunds", page.Headers.Location!.PathAndQuery);

        // The service itself answers an anonymous API call: 401 problem+json, not a redirect to a page.
        using var api = await person.Http.GetAsync("/api/review/queue");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        foreach (var open in new[] { "/publicity", "/certificates/verify", "/api/publicity/notices", "/api/working-days/calendar-years" })
        {
            using var response = await person.Http.GetAsync(open);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{open}: {(int)response.StatusCode}");
        }
    }
}
