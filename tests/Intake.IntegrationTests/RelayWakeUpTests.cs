using System.Net;
using System.Net.Http.Json;
using TitleReview.EventStore.Messaging;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// The relay's ways to learn of a commit, each shown to deliver on its own: the wake-up the commit gives inside the
/// process or, for replicas, through PostgreSQL's NOTIFY (with polling pushed out to an hour, nothing else can deliver
/// within the test), and the polling behind them (the wake-up off). Delivered means in the consumer's queue on the real broker, once.
/// </summary>
public sealed class RelayWakeUpTests
{
    [Fact]
    public Task A_commit_wakes_the_relay_without_waiting_for_a_poll() =>
        RelaysAsync(wakeOnCommit: true, polling: TimeSpan.FromHours(1));

    [Fact]
    public Task A_commit_wakes_the_relay_through_postgresql_when_replicas_share_it() =>
        RelaysAsync(wakeOnCommit: true, polling: TimeSpan.FromHours(1), acrossInstances: true);

    [Fact]
    public Task With_the_wake_up_off_polling_still_relays_every_submission() =>
        RelaysAsync(wakeOnCommit: false, polling: TimeSpan.FromMilliseconds(500));

    private static async Task RelaysAsync(bool wakeOnCommit, TimeSpan polling, bool acrossInstances = false)
    {
        await using var intake = await RelayingIntake.StartAsync(new Dictionary<string, string>
        {
            [RelayWakeUp.WakeOnCommitSetting] = wakeOnCommit.ToString(),
            [RelayWakeUp.WakeAcrossInstancesSetting] = acrossInstances.ToString(),
            [RelayWakeUp.PollingIntervalSetting] = polling.ToString(),
        });

        // The first may be found by the daemon's look at start-up; by the second the daemon is waiting out its
        // polling interval (an hour in the wake-up case), so only the commit's notification can bring it.
        for (var submitted = 1; submitted <= 3; submitted++)
        {
            using var response = await intake.Portal.PostAsJsonAsync("/api/applications", Applicants.DeclarationOnly($"唤醒{submitted}", idNumber: Applicants.NewIdNumber()));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            await intake.InReviewQueueAsync(submitted, $"{submitted} submission(s)");
        }
    }
}
