using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Publicity.Features.Notices;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>
/// The public list's ids come from the end-date index, the notices ending on the same day put in order from the
/// index's own copies of publication time and number (NoticeIndexes): paged through, every notice shows once, in
/// that order, whatever offset its publication time was recorded with.
/// </summary>
[Collection(PublicityCollection.Name)]
public sealed class NoticeListOrderTests(PublicityFixture publicity)
{
    [Fact]
    public async Task Notices_ending_the_same_day_follow_publication_then_number_newest_first_on_every_page()
    {
        var cycle = $"order-test-{Guid.NewGuid():N}";
        var beijing = TimeSpan.FromHours(8);
        var sameDay = new DateOnly(2000, 1, 3);
        var earlierNumber = Notice(cycle, "T-1", sameDay, new DateTimeOffset(2000, 1, 1, 10, 0, 0, beijing));
        var laterNumber = Notice(cycle, "T-2", sameDay, new DateTimeOffset(2000, 1, 1, 10, 0, 0, beijing));
        var publishedEarlier = Notice(cycle, "T-9", sameDay, new DateTimeOffset(2000, 1, 1, 9, 0, 0, beijing));
        var endsEarlier = Notice(cycle, "T-8", sameDay.AddDays(-1), new DateTimeOffset(2000, 1, 1, 11, 0, 0, beijing));
        await using (var session = publicity.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(earlierNumber, endsEarlier, publishedEarlier, laterNumber);
            await session.SaveChangesAsync();
        }

        using var anonymous = publicity.Client();
        var listed = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var found = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publicity/notices?page={page}&pageSize=3");
            var ids = found.GetProperty("items").EnumerateArray().Select(notice => notice.GetProperty("id").GetGuid()).ToList();
            listed.AddRange(ids);
            if (ids.Count == 0)
            {
                Assert.Equal(found.GetProperty("total").GetInt64(), listed.Count);
                break;
            }
        }

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Guid[] mine = [laterNumber.Id, earlierNumber.Id, publishedEarlier.Id, endsEarlier.Id];
        Assert.Equal(mine, listed.Where(mine.Contains));
    }

    private static PublicityNotice Notice(string cycle, string number, DateOnly end, DateTimeOffset publishedAt) => new()
    {
        Id = Guid.NewGuid(), CycleId = cycle, CommitteeName = "测试评委会", Number = number, Start = end.AddDays(-6), End = end,
        WorkingDays = 5, PublishedAt = publishedAt, PublishedBy = "test",
    };
}
