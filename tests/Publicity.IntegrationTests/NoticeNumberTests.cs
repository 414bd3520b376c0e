using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Publicity.Features.Notices;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>
/// Two publishes at once (the officer's button and the job, or two instances) may both pick a cycle's next number:
/// the database refuses the second notice with that number, and the publisher knows that refusal for what it is and
/// publishes again with the next number instead of failing.
/// </summary>
[Collection(PublicityCollection.Name)]
public sealed class NoticeNumberTests(PublicityFixture publicity)
{
    [Fact]
    public async Task A_second_notice_with_a_cycles_number_is_refused_and_recognised_as_a_taken_number()
    {
        var store = publicity.Host.Services.GetRequiredService<IDocumentStore>();
        var cycle = $"number-test-{Guid.NewGuid():N}";
        await using (var first = store.LightweightSession())
        {
            first.Store(Notice(cycle, "2023-001"));
            await first.SaveChangesAsync();
        }

        await using var second = store.LightweightSession();
        second.Store(Notice(cycle, "2023-001"));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => second.SaveChangesAsync());

        Assert.True(NoticePublisher.NumberTaken(refused), refused.ToString());
        Assert.False(NoticePublisher.NumberTaken(new InvalidOperationException("not a database refusal")));

        // The same number in another cycle (another committee's notices) is not a collision.
        await using var other = store.LightweightSession();
        other.Store(Notice(cycle + "-other", "2023-001"));
        await other.SaveChangesAsync();
    }

    private static PublicityNotice Notice(string cycle, string number) =>
        new() { Id = Guid.NewGuid(), CycleId = cycle, CommitteeName = "测试评委会", Number = number, PublishedBy = "test" };
}
