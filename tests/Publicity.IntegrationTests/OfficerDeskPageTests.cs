using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>
/// The publicity officer's desk (/publicity-desk): the pages act through the same use cases as the officers' API, as
/// the signed-in officer, with the anti-forgery token; other roles and strangers get nothing.
/// </summary>
[Collection(PublicityCollection.Name)]
public sealed class OfficerDeskPageTests(PublicityFixture publicity) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        publicity.SetBusinessTime(PublicityHistory.InsideWindow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        publicity.ResetBusinessTime();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_desk_is_for_publicity_officers_only()
    {
        using var stranger = new Person(publicity.Address);
        using (var anonymous = await stranger.Http.GetAsync("/publicity-desk"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var reviewer = new Person(publicity.Address);
        (await reviewer.SignInAsync("reviewer-wang")).Dispose();
        using (var refused = await reviewer.Http.GetAsync("/publicity-desk/objections"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task An_officer_publishes_what_is_pending_from_the_page_and_a_form_without_its_token_publishes_nothing()
    {
        var name = $"公示页{Guid.NewGuid().ToString("N")[..4]}";
        var id = await publicity.ApprovedAsync(name);
        using var officer = await SignedInOfficerAsync();
        Assert.Contains(name, await officer.Http.GetStringAsync("/publicity-desk"));

        using (var forged = await officer.Http.PostAsync("/publicity-desk/notices", new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.DoesNotContain("published", await publicity.Infrastructure.EventTypesAsync(id));

        var token = await officer.FormTokenAsync("/publicity-desk");
        using var published = await officer.Http.PostAsync("/publicity-desk/notices", new FormUrlEncodedContent([token]));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var page = await officer.Http.GetStringAsync(published.Headers.Location!.OriginalString);
        Assert.Contains("已发布公示", page);
        Assert.Contains("公示中", page);
        Assert.Contains("published", await publicity.Infrastructure.EventTypesAsync(id));
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'published' and headers->>'user-id' = 'officer-sun'", ("id", id)));
    }

    [Fact]
    public async Task An_officer_upholds_an_objection_from_the_page_and_what_the_public_wrote_stays_text()
    {
        var id = await publicity.ApprovedAndPublishedAsync("异议页");
        using (var anonymous = publicity.Client())
        using (var lodged = await anonymous.PostAsJsonAsync("/api/publicity/objections",
            new { applicationId = id, summary = "<script>alert('异议')</script>业绩材料与实际不符。", contactName = "王先生", contact = "0510-88888888" }))
        {
            Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
            var objection = (await lodged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            using var officer = await SignedInOfficerAsync();
            var list = await officer.Http.GetStringAsync("/publicity-desk/objections");
            Assert.Contains("&lt;script&gt;", list);
            Assert.DoesNotContain("<script>alert", list);
            Assert.Contains("待处理", list);

            var token = await officer.FormTokenAsync("/publicity-desk/objections");
            using (var noReason = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution", new FormUrlEncodedContent([token, new("upheld", "true"), new("reason", " ")])))
            {
                Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
                Assert.Contains("须填写处理理由", await noReason.Content.ReadAsStringAsync());
            }

            Assert.DoesNotContain("objection_resolved", await publicity.Infrastructure.EventTypesAsync(id));
            using var upheld = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution",
                new FormUrlEncodedContent([token, new("upheld", "true"), new("reason", "业绩材料系伪造。")]));
            Assert.Equal(HttpStatusCode.Redirect, upheld.StatusCode);
            Assert.Contains("已认定异议成立", await officer.Http.GetStringAsync(upheld.Headers.Location!.OriginalString));
            Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
                "select count(*) from ledger.mt_events where stream_id = @id and type = 'objection_resolved' and (data->>'Upheld')::boolean and headers->>'user-id' = 'officer-sun'", ("id", id)));

            using var again = await officer.Http.PostAsync($"/publicity-desk/objections/{objection}/resolution",
                new FormUrlEncodedContent([token, new("upheld", "false"), new("reason", "再次处理。")]));
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("该异议已处理", await again.Content.ReadAsStringAsync());
        }
    }

    private async Task<Person> SignedInOfficerAsync()
    {
        var officer = new Person(publicity.Address);
        using var signedIn = await officer.SignInAsync("officer-sun");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return officer;
    }
}
