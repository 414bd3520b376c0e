using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Gateway.Tests;

/// <summary>
/// What the gateway forwards: a machine's own Authorization untouched (never replaced by a signed-in person's token),
/// and a person's state-changing requests still checked against the service's anti-forgery token.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class ForwardingTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task A_request_with_its_own_authorization_is_forwarded_untouched_even_beside_a_session()
    {
        using var machine = system.NewGatewayClient().As(Roles.Reviewer);
        using (var queue = await machine.GetAsync("/api/review/queue"))
        {
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        }

        // A finance person signed in at the gateway sends a reviewer's key: the service judges the key, not the person
        // (the person's token would get 403 on the review queue).
        using var person = new Person(system.GatewayAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync("finance-qian")).StatusCode);
        using (var withKey = await SendAsync(person, HttpMethod.Get, "/api/review/queue", new("ApiKey", DevelopmentApiClients.KeyByRole[Roles.Reviewer])))
        {
            Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        }

        using (var withoutKey = await person.Http.GetAsync("/api/review/queue"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, withoutKey.StatusCode);
        }

        // A wrong key beside an admin's session stays a wrong key: 401, not the admin.
        using var admin = new Person(system.GatewayAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("admin-wu")).StatusCode);
        using var wrongKey = await SendAsync(admin, HttpMethod.Get, "/api/review/queue", new("ApiKey", "not-a-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        // A machine's state-changing call sends no anti-forgery token, through the gateway as before.
        using var auditor = system.NewGatewayClient().As(Roles.Auditor);
        using var check = await auditor.PostAsync("/api/audit/seals/check", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task Each_services_dead_letters_are_under_its_name_for_the_admin()
    {
        using var admin = system.NewGatewayClient().As(Roles.Admin);
        foreach (var service in new[] { "intake", "review", "publicity", "payment", "certificate" })
        {
            using var response = await admin.GetAsync($"/api/admin/{service}/dead-letters");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service}: {(int)response.StatusCode}");
            Assert.StartsWith("[", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var reviewer = system.NewGatewayClient().As(Roles.Reviewer);
        using var refused = await reviewer.GetAsync("/api/admin/payment/dead-letters");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // Audit consumes no messages: it has no dead letters, and the gateway invents no address for them.
        using var none = await admin.GetAsync("/api/admin/audit/dead-letters");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task A_review_form_posted_through_the_gateway_needs_the_services_token_and_records_the_person_as_the_actor()
    {
        var id = await journey.SubmitAsync("网关认领");
        await journey.WaitUntilQueuedForReviewAsync(id);
        using var person = new Person(system.GatewayAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync("reviewer-wang")).StatusCode);
        var page = await person.Http.GetStringAsync($"/review/applications/{id}");
        var version = ExpectedVersion().Match(page).Groups[1].Value;

        // The gateway adds its token to whatever the browser sends, a cross-site form too: the token must not spare the check.
        using (var forged = await person.Http.PostAsync($"/review/applications/{id}/claim", new FormUrlEncodedContent([new("expectedVersion", version)])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(0, await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and user_name = 'reviewer-wang'", ("id", id)));

        var token = await person.FormTokenAsync($"/review/applications/{id}");
        using var claimed = await person.Http.PostAsync($"/review/applications/{id}/claim", new FormUrlEncodedContent([token, new("expectedVersion", version)]));
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal($"/review/applications/{id}?notice=claim", claimed.Headers.Location!.OriginalString);
        Assert.True(await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and user_name = 'reviewer-wang'", ("id", id)) > 0);
    }

    [Fact]
    public async Task A_json_post_through_the_gateway_needs_the_token_in_its_header()
    {
        using var person = new Person(system.GatewayAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync("auditor-zhou")).StatusCode);
        using (var forged = await person.Http.PostAsync("/api/audit/seals/check", JsonContent.Create(new { })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        var token = await person.FormTokenAsync("/audit/verifications");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/audit/seals/check") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("RequestVerificationToken", token.Value);
        using var withToken = await person.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(Person person, HttpMethod method, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = authorization;
        return await person.Http.SendAsync(request);
    }

    [GeneratedRegex("name=\"expectedVersion\" value=\"(\\d+)\"")]
    private static partial Regex ExpectedVersion();
}
