using System.Net;
using System.Net.Http.Json;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

/// <summary>
/// The steps of the Review tests: what Intake, Publicity and Payment would have done, forged into the ledger or
/// published as their relay would, and the reviewers' own steps over Review's API.
/// </summary>
public sealed class ReviewSteps(ReviewFixture review)
{
    /// <summary>Inside the 2023 cycle's submission window (the system tests' Journey.InsideWindow).</summary>
    public static readonly DateTimeOffset InsideWindow = new(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The day after the forged publicity of <see cref="AwaitingCommitteeAsync"/> ends (10:00 in China).</summary>
    public static readonly DateTimeOffset AfterPublicity = new(2023, 6, 8, 2, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly PublicityStart = new(2023, 6, 1);

    /// <summary>
    /// Intake accepted a declaration-only application for <paramref name="name"/>: its ApplicationSubmitted forged into
    /// the ledger (version 1, as Intake appends it) and published as Intake's relay would; returns once Review queued it.
    /// </summary>
    public async Task<Guid> SubmittedAsync(string name)
    {
        var id = await review.Forger.AppendAsync(id => CleanHistory.Build(id, name).Take(1));
        await review.PublishAsync((ApplicationSubmitted)CleanHistory.Build(id, name)[0].Event, "QueueSubmittedApplications");
        return id;
    }

    /// <summary>The reviewer client claims the file (only the claimant may approve) and approves it as itself.</summary>
    public async Task ApproveAsync(Guid id)
    {
        using var reviewer = review.Client(Roles.Reviewer);
        using (var claimed = await reviewer.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }

        using var approved = await reviewer.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }

    /// <summary>
    /// Applications on the committee's agenda: submitted (forged), approved over Review's API, then published,
    /// assessed, paid and out of publicity as Publicity and Payment would record it; business time moved to the day
    /// after publicity (the caller resets it).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AwaitingCommitteeAsync(params string[] names)
    {
        review.SetBusinessTime(InsideWindow);
        var ids = new List<Guid>();
        foreach (var name in names)
        {
            var id = await SubmittedAsync(name);
            await ApproveAsync(id);
            await review.Forger.AppendAsync(id, PublicityAndPayment(id));
            ids.Add(id);
        }

        review.SetBusinessTime(AfterPublicity);
        return ids;
    }

    /// <summary>What follows a final approval in a clean history (CleanHistory's order), dated to end before <see cref="AfterPublicity"/>.</summary>
    private static Forged[] PublicityAndPayment(Guid id)
    {
        var notice = Guid.NewGuid();
        var end = WorkingDayCalendar.Official.EndOfPeriod(PublicityStart, 5);
        var reference = $"XSGC2023-{id.ToString("N")[..8]}";
        return
        [
            new(new Published(id, notice, PublicityStart, end, 5, WorkingDayCalendar.Official.Version, InsideWindow.AddHours(2))),
            new(new FeeAssessed(id, 300.00m, reference, PublicityStart.AddDays(15), InsideWindow.AddHours(2))),
            new(new FeePaid(id, 300.00m, reference, "platform", InsideWindow.AddHours(3))),
            new(new PublicityCompleted(id, notice, end.AddDays(1), AfterPublicity.AddHours(-1))),
        ];
    }
}
