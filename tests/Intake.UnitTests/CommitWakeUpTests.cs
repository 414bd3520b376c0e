using TitleReview.EventStore.Messaging;

namespace TitleReview.Intake.UnitTests;

/// <summary>
/// The relay's wake-up inside the process: a commit ends the daemon's wait at once, many commits make one look, and
/// while the relay publishes a page the look waits for it (so the next page takes everything committed meanwhile),
/// but never longer than <see cref="RelayPages.MaxHold"/>.
/// </summary>
public sealed class CommitWakeUpTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_commit_ends_the_wait_at_once()
    {
        var wakeUp = new CommitWakeUp(new RelayPages());
        var waiting = wakeUp.WaitAsync(Long, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        wakeUp.Signal();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Many_commits_while_the_daemon_is_busy_make_one_look_not_one_each()
    {
        var wakeUp = new CommitWakeUp(new RelayPages());
        for (var commit = 0; commit < 100; commit++)
        {
            wakeUp.Signal();
        }

        await wakeUp.WaitAsync(Long, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var second = wakeUp.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.False(second.IsCompleted);
        await second; // over by its polling interval, not by a leftover signal
    }

    [Fact]
    public async Task Without_a_commit_the_wait_ends_with_the_polling_interval()
    {
        var wakeUp = new CommitWakeUp(new RelayPages());
        var started = DateTime.UtcNow;

        await wakeUp.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(90));
    }

    [Fact]
    public async Task While_a_page_is_out_the_look_waits_for_it()
    {
        var pages = new RelayPages();
        var wakeUp = new CommitWakeUp(pages);
        var page = pages.Publishing();

        wakeUp.Signal();
        var waiting = wakeUp.WaitAsync(Long, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        page.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_page_that_never_ends_holds_the_look_no_longer_than_the_cap()
    {
        var pages = new RelayPages();
        var wakeUp = new CommitWakeUp(pages);
        _ = pages.Publishing(); // a relay retrying through a broker outage

        wakeUp.Signal();
        var started = DateTime.UtcNow;
        await wakeUp.WaitAsync(Long, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(DateTime.UtcNow - started, RelayPages.MaxHold - TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task An_idle_relay_holds_nothing()
    {
        var pages = new RelayPages();
        using (pages.Publishing())
        {
        }

        var wakeUp = new CommitWakeUp(pages);
        wakeUp.Signal();

        await wakeUp.WaitAsync(Long, CancellationToken.None).WaitAsync(TimeSpan.FromMilliseconds(500));
    }
}
