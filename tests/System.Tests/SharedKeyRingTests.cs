using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.SystemTests;

/// <summary>
/// Two instances of one service behind a load balancer: a person signed in on one reaches the other with the same
/// cookie, and a form one page served is accepted by the other instance (issue #13: every service runs as 2+ replicas).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class SharedKeyRingTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task A_reviewer_signed_in_on_one_Review_instance_claims_through_another_and_back()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var first = await journey.SubmitAsync("双实例甲");
        var second = await journey.SubmitAsync("双实例乙");
        await journey.WaitUntilQueuedForReviewAsync(first);
        await journey.WaitUntilQueuedForReviewAsync(second);

        using var disk = new TemporaryDirectory();
        await using var instance = new ServiceHost<ReviewQueueItem>(system.Infrastructure, new Dictionary<string, string>
        {
            ["Messaging:Consumers"] = "false",
            ["Review:IntakeAddress"] = system.IntakeAddress.ToString(),
        });
        await using var other = OnItsOwnMachine(instance, disk.Path);
        var otherPort = Ports.Free();
        // The derived factory builds its host through the instance's, so both are told to listen on the port.
        instance.UseKestrel(otherPort);
        other.UseKestrel(otherPort);
        other.StartServer();
        var otherAddress = new Uri($"http://127.0.0.1:{otherPort}");
        using (var clock = new HttpClient { BaseAddress = otherAddress })
        using (var moved = await clock.PutAsJsonAsync("/api/dev/clock", new { utcNow = Journey.InsideWindow }))
        {
            moved.EnsureSuccessStatusCode();
        }

        // Signed in on the fixture's instance; the page and its token from there, the form posted to the other.
        using var reviewer = new Person(system.ReviewAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SignInAsync("reviewer-wang")).StatusCode);
        await ClaimAsync(reviewer, page: system.ReviewAddress, post: otherAddress, first);

        // And the other way: signed in on the second instance, acting on the first.
        using var colleague = new Person(otherAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.SignInAsync("reviewer-li")).StatusCode);
        await ClaimAsync(colleague, page: otherAddress, post: system.ReviewAddress, second);

        // Each instance knew who acted from a cookie the other had issued.
        Assert.Equal("reviewer-wang", await ClaimantAsync(first));
        Assert.Equal("reviewer-li", await ClaimantAsync(second));
        // The second instance kept nothing on its own disk: its keys are the shared ones.
        Assert.Empty(Directory.EnumerateFileSystemEntries(disk.Path));
    }

    private Task<string> ClaimantAsync(Guid id) => system.Infrastructure.ScalarTextAsync(
        "select user_name from ledger.mt_events where stream_id = @id and type = 'review_started'", ("id", id));

    private static async Task ClaimAsync(Person person, Uri page, Uri post, Guid id)
    {
        var html = await person.Http.GetStringAsync(new Uri(page, $"/review/applications/{id}"));
        var token = TokenField().Match(html);
        var version = VersionField().Match(html);
        Assert.True(token.Success && version.Success, $"no claim form on {page} for {id}");

        using var claimed = await person.Http.PostAsync(new Uri(post, $"/review/applications/{id}/claim"), new FormUrlEncodedContent(
            [new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)), new("expectedVersion", version.Groups[1].Value)]));

        // A cookie the instance cannot read is a redirect too, to the sign-in page: only the claim's own address counts.
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal($"/review/applications/{id}?notice=claim", claimed.Headers.Location?.OriginalString);
    }

    /// <summary>
    /// The second instance as on another machine: were the service to keep keys where ASP.NET Core keeps them by
    /// default, on the machine's disk, it would find an empty disk of its own. (In one test process both hosts would
    /// otherwise share this user's key directory, which no two pods do.)
    /// </summary>
    private static WebApplicationFactory<ReviewQueueItem> OnItsOwnMachine(ServiceHost<ReviewQueueItem> instance, string ownDisk) =>
        instance.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.PostConfigure<KeyManagementOptions>(options =>
                options.XmlRepository ??= new FileSystemXmlRepository(new DirectoryInfo(ownDisk), NullLoggerFactory.Instance))));

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"\\s*/?>(?=<input type=\"hidden\" name=\"expectedVersion\")")]
    private static partial Regex TokenField();

    [GeneratedRegex("action=\"/review/applications/[^\"]+/claim\".*?name=\"expectedVersion\" value=\"(\\d+)\"", RegexOptions.Singleline)]
    private static partial Regex VersionField();

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("keys-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
