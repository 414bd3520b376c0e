using System.Net;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.SystemTests;

/// <summary>People sign in on a page (passwords hashed, anti-forgery protected); machines keep their API keys.</summary>
[Collection(SystemCollection.Name)]
public sealed class SignInTests(SystemFixture system)
{
    [Fact]
    public async Task A_person_signs_in_and_reaches_the_page_they_asked_for()
    {
        using var person = new Person(system.ReviewAddress);
        using var anonymous = await person.Http.GetAsync("/review?mine=true");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Freview%3Fmine%3Dtrue", anonymous.Headers.Location!.PathAndQuery);

        using var signedIn = await person.SignInAsync("reviewer-wang", returnUrl: "/review?mine=true");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/review?mine=true", signedIn.Headers.Location!.OriginalString);
        var queue = await person.Http.GetStringAsync("/review");
        Assert.Contains("待审队列", queue);
        Assert.Contains("王审核", queue);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        using var person = new Person(system.ReviewAddress);
        using var wrong = await person.SignInAsync("reviewer-wang", "not-the-password");
        using var unknown = await person.SignInAsync("nobody-here", "not-the-password");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("用户名或密码错误", await wrong.Content.ReadAsStringAsync());
        Assert.Contains("用户名或密码错误", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await person.Http.GetAsync("/review")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_the_site_and_refuses_a_form_without_its_token()
    {
        using var person = new Person(system.ReviewAddress);
        using var signedIn = await person.SignInAsync("reviewer-li", returnUrl: "https://evil.example/phish");
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);

        using var stranger = new Person(system.ReviewAddress);
        using var forged = await stranger.Http.PostAsync("/account/login", new FormUrlEncodedContent([new("userId", "reviewer-li"), new("password", DevelopmentUsers.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Guessing_passwords_is_stopped_after_a_few_attempts_a_minute()
    {
        // A second Review instance with the production-like limit; it consumes no messages, so it takes no work from the fixture's.
        var port = Ports.Free();
        await using var strict = new ServiceHost<TitleReview.Review.Features.ReviewQueue.ReviewQueueItem>(system.Infrastructure, new Dictionary<string, string>
        {
            ["Messaging:Consumers"] = "false",
            ["Auth:SignInAttemptsPerMinute"] = "3",
        });
        strict.UseKestrel(port);
        strict.StartServer();
        using var guesser = new Person(new Uri($"http://127.0.0.1:{port}"));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var wrong = await guesser.SignInAsync("reviewer-wang", $"guess-{attempt}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var stopped = await guesser.SignInAsync("reviewer-wang");
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.Contains("过于频繁", await stopped.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_person_with_the_wrong_role_gets_403()
    {
        using var person = new Person(system.ReviewAddress);
        (await person.SignInAsync("finance-qian")).Dispose();

        Assert.Equal(HttpStatusCode.Forbidden, (await person.Http.GetAsync("/review")).StatusCode);
    }

    [Theory]
    [InlineData("/finance\r\nSet-Cookie: stolen=1")]
    [InlineData("/finance\u0000")]
    [InlineData("/finance\t")]
    public async Task A_control_character_in_the_return_address_is_refused_even_with_the_right_password(string returnUrl)
    {
        using var person = new Person(system.PaymentAddress);
        using var signedIn = await person.SignInAsync("finance-qian", returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.BadRequest, signedIn.StatusCode);
        Assert.Equal("application/problem+json", signedIn.Content.Headers.ContentType?.MediaType);
        var text = await signedIn.Content.ReadAsStringAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text);
        Assert.Matches("[A-Za-z]{3,}", text);
        Assert.False(signedIn.Headers.Contains("Set-Cookie") && signedIn.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".TitleReview.", StringComparison.Ordinal)),
            "no sign-in cookie is issued");
        Assert.Equal(HttpStatusCode.Redirect, (await person.Http.GetAsync("/finance")).StatusCode);
    }

    [Fact]
    public async Task A_return_address_with_chinese_text_is_kept_and_sent_back_encoded()
    {
        using var person = new Person(system.PaymentAddress);
        using var signedIn = await person.SignInAsync("finance-qian", returnUrl: "/finance?note=退费");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/finance?note=%E9%80%80%E8%B4%B9", signedIn.Headers.Location!.OriginalString);
    }
}
