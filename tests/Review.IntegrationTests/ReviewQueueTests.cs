using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Review.Features.ReviewQueue;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

[Collection(ReviewCollection.Name)]
public sealed class ReviewQueueTests(ReviewFixture review)
{
    [Fact]
    public async Task A_submission_Intake_relays_joins_the_queue_and_a_portal_client_cannot_read_it()
    {
        var id = await review.Forger.AppendAsync(id => CleanHistory.Build(id, "队列测试").Take(1));
        var submitted = (ApplicationSubmitted)(CleanHistory.Build(id, "队列测试")[0].Event);
        await review.PublishAsync(submitted, "QueueSubmittedApplications");

        using var asReviewer = await review.Client(Roles.Reviewer).GetAsync($"/api/review/queue/{id}");
        Assert.Equal(HttpStatusCode.OK, asReviewer.StatusCode);
        Assert.Contains("队列测试", await asReviewer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var asPortal = await review.Client(Roles.Portal).GetAsync($"/api/review/queue/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, asPortal.StatusCode);
    }

    /// <summary>
    /// A page's ids are read first and its items after (DocumentPaging): every page of a filter, the last one short,
    /// holds the right items in the sort's order, and the total counts the whole filter.
    /// </summary>
    [Fact]
    public async Task A_filtered_queue_pages_through_every_item_in_order_with_its_total()
    {
        var specialty = $"分页{Guid.NewGuid():N}"[..12];
        var start = new DateTimeOffset(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);
        // Stored out of order, so the pages' order comes from the sort and not from the table.
        var items = Enumerable.Range(0, 45).Select(n => new ReviewQueueItem
        {
            Id = Guid.NewGuid(),
            ApplicantName = $"分页{n:00}",
            Specialty = specialty,
            Level = TitleLevel.Engineer,
            Status = n % 3 == 0 ? ApplicationStatus.Submitted : ApplicationStatus.FinalApproved,
            QueuedAt = start.AddMinutes(n),
        }).Reverse().ToList();
        await using (var session = review.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(items.ToArray());
            await session.SaveChangesAsync();
        }

        var oldest = items.OrderBy(i => i.QueuedAt).Select(i => i.ApplicantName).ToList();
        using var reviewer = review.Client(Roles.Reviewer);
        var pages = new List<JsonElement>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await reviewer.GetFromJsonAsync<JsonElement>($"/api/review/queue?specialty={specialty}&pageSize=20&page={page}"));
        }

        Assert.All(pages, page => Assert.Equal(45, page.GetProperty("total").GetInt64()));
        Assert.Equal([20, 20, 5, 0], pages.Select(page => page.GetProperty("items").GetArrayLength()));
        Assert.Equal(oldest, pages.SelectMany(Names));

        var newestLast = await reviewer.GetFromJsonAsync<JsonElement>($"/api/review/queue?specialty={specialty}&sort=Newest&pageSize=20&page=3");
        Assert.Equal(oldest.Take(5).Reverse(), Names(newestLast));
        var submitted = await reviewer.GetFromJsonAsync<JsonElement>($"/api/review/queue?specialty={specialty}&status=Submitted&pageSize=10&page=2");
        Assert.Equal(15, submitted.GetProperty("total").GetInt64());
        Assert.Equal(oldest.Where((_, n) => n % 3 == 0).Skip(10), Names(submitted));
        // Queued from 10:00 on 1 June, Beijing time: the whole day holds them, the next day none.
        var sameDay = await reviewer.GetFromJsonAsync<JsonElement>($"/api/review/queue?specialty={specialty}&from=2023-06-01&to=2023-06-01");
        Assert.Equal(45, sameDay.GetProperty("total").GetInt64());
        var nextDay = await reviewer.GetFromJsonAsync<JsonElement>($"/api/review/queue?specialty={specialty}&from=2023-06-02");
        Assert.Equal(0, nextDay.GetProperty("total").GetInt64());
    }

    private static IEnumerable<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("applicantName").GetString()!);
}
