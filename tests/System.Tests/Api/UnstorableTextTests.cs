using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.SystemTests.Api;

/// <summary>
/// A U+0000 in any string that reaches PostgreSQL (a query filter, a looked-up document id) is the caller's mistake:
/// 400 problem+json in Chinese and English, never a 500, and nothing written (found by the API fuzz suite).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class UnstorableTextTests(SystemFixture system)
{
    [Fact]
    public async Task A_null_character_in_a_query_filter_is_a_bad_request()
    {
        using var response = await system.ReviewApi.GetAsync("/api/review/queue?specialty=%00x");
        await AssertBadRequestAsync(response);
    }

    [Fact]
    public async Task A_null_character_in_a_submitted_field_is_a_bad_request_and_nothing_is_kept()
    {
        var journey = new Journey(system);
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var application = await journey.CompleteApplicationAsync("空字符");
        using var response = await system.IntakeApi.PostAsJsonAsync("/api/applications", application with { Employer = "无锡\u0000机械" }, Journey.Json);
        await AssertBadRequestAsync(response);

        // The same person can still apply: the refused request kept nothing (no level slot, no stream).
        using var clean = await system.IntakeApi.PostAsJsonAsync("/api/applications", application, Journey.Json);
        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.* / [A-Za-z]", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }
}
