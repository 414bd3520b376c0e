using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// Issue #13, item 5: two instances of every service, published for Release and run as processes on one ledger and
/// one virtual host with consumers on in both, take a few hundred applications from submission to certificate while
/// one instance of every service is killed (SIGKILL) and restarted, twice: during the approvals (relays, consumers and
/// requests in flight) and once the publicity completion jobs have begun. Then the ledger and the broker are
/// read for what must hold: every application certified once, no event doubled, no certificate or notice number
/// reused, no job effect twice, and a reviewer signed in before the kill still working on either instance.
/// </summary>
[Collection(PublishedServicesCollection.Name)]
public sealed partial class ReplicasTests(PublishedServices publish, ITestOutputHelper log)
{
    private const int Applications = 200;

    /// <summary>Every event an application has on the way to its certificate, each once.</summary>
    private static readonly string[] Path =
    [
        "application_submitted", "review_started", "final_approved", "fee_assessed", "fee_paid", "published",
        "publicity_completed", "committee_decided", "certificate_issued",
    ];

    [Fact]
    public async Task Two_instances_of_every_service_certify_every_application_once_while_one_of_each_is_killed_and_restarted()
    {
        var watch = Stopwatch.StartNew();
        await using var infrastructure = await TestInfrastructure.StartAsync();
        using var replicas = new Replicas(publish, infrastructure, perService: 2);
        await replicas.StartAsync(Applicants.InsideWindow);
        Log(watch, "12 instances answer /alive");
        var desk = new ReplicaDesk(replicas, infrastructure);
        var phase = TimeSpan.FromMinutes(3);

        // A reviewer signs in on the first Review instance, before anything dies.
        using var reviewer = new Person(replicas["review"].Addresses[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SignInAsync("reviewer-wang")).StatusCode);

        var ids = await desk.SubmitAsync(Applications);
        Assert.Equal(Applications, ids.Distinct().Count());
        await desk.UntilAllAsync(ids, desk.QueuedForReviewAsync, "in the review queue", phase);
        Log(watch, $"{Applications} submitted and queued for review");

        // Approvals in two batches, each published on both Publicity instances at once, so two notices race for their
        // numbers. Halfway through the first batch instance 0 of every service is killed, and restarted two seconds later.
        var byPerson = ids[0];
        List<Guid> first = [.. ids.Skip(1).Take(Applications / 2)], second = [.. ids.Skip(1 + Applications / 2)];
        var approved = 0;
        var halfway = new TaskCompletionSource();
        var firstKill = KillAndRestartAsync(replicas, 0, halfway.Task, watch);
        try
        {
            await ReplicaDesk.ForEachAsync(first, async id =>
            {
                await desk.ApproveAsync(id);
                if (Interlocked.Increment(ref approved) == first.Count / 2)
                {
                    halfway.SetResult();
                }
            });
        }
        finally
        {
            // Never leave a restart running into the disposal: it would start processes no one stops.
            halfway.TrySetResult();
            await firstKill;
        }

        await desk.UntilPendingAsync(first, phase);
        await desk.PublishOnEveryInstanceAsync();
        Log(watch, "first batch approved and published");

        // The reviewer's cookie was issued by a process that is dead now: the restarted instance and the other one read it.
        await ActAsync(reviewer, byPerson, "claim", page: replicas["review"].Addresses[1], post: replicas["review"].Addresses[0]);
        await ActAsync(reviewer, byPerson, "approval", page: replicas["review"].Addresses[0], post: replicas["review"].Addresses[1]);
        await ReplicaDesk.ForEachAsync(second, desk.ApproveAsync);
        await desk.UntilPendingAsync([byPerson, .. second], phase);
        await desk.PublishOnEveryInstanceAsync();
        Log(watch, "second batch approved and published");

        // Fees: finance records every payment once Payment assessed it.
        await desk.UntilAllAsync(ids, desk.AssessedAndPublishedAsync, "assessed and published", phase);
        await ReplicaDesk.ForEachAsync(ids, desk.PayAsync);
        Log(watch, "published and paid");

        // The day after the fifth working day: both Publicity instances' completion jobs are due at once, and instance 1
        // of every service is killed while they run.
        await replicas.SetBusinessTimeAsync(new DateTimeOffset(2023, 6, 8, 2, 0, 0, TimeSpan.Zero));
        var completedAtKill = await CompletionsBegunAsync(infrastructure);
        await KillAndRestartAsync(replicas, 1, Task.CompletedTask, watch);
        Log(watch, $"({completedAtKill} of {Applications} publicity periods were completed when instance 1 was killed)");
        await desk.UntilAllAsync(ids, id => desk.StatusIsAsync(id, "AwaitingCommittee"), "awaiting the committee", phase);
        Log(watch, "publicity completed");

        await ReplicaDesk.ForEachAsync(ids, desk.DecideAsync);
        await desk.UntilAllAsync(ids, id => desk.StatusIsAsync(id, "CertificateIssued"), "certified", phase);
        Log(watch, "all certified");

        Assert.Empty(replicas.Crashed());
        await AssertLedgerAsync(infrastructure, ids, watch);
        Log(watch, "checking that the broker's queues are drained");
        await AssertQueuesDrainedAsync(infrastructure);
    }

    /// <summary>Waits for the first completion the jobs write, so the kill lands while they are at work.</summary>
    private static async Task<long> CompletionsBegunAsync(TestInfrastructure infrastructure)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var completed = await infrastructure.ScalarAsync("select count(*) from ledger.mt_events where type = 'publicity_completed'");
            if (completed > 0 || DateTime.UtcNow > deadline)
            {
                return completed;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Nothing left behind in the broker: no consumer queue still holding work, no dead letter, no message waiting for
    /// a delayed redelivery (a message that failed off the application path would not show in the ledger).
    /// </summary>
    private static async Task AssertQueuesDrainedAsync(TestInfrastructure infrastructure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyDictionary<string, long> queues;
        while ((queues = await infrastructure.QueuesAsync()).Values.Any(count => count > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        // The listing itself must be real: every consuming service declared its queues in this virtual host.
        Assert.True(queues.Count >= 6, $"the virtual host lists only {queues.Count} queue(s): {string.Join(", ", queues.Keys)}");
        Assert.True(queues.Values.All(count => count == 0),
            "messages left: " + string.Join(", ", queues.Where(queue => queue.Value > 0).Select(queue => $"{queue.Key} {queue.Value}")));
    }

    /// <summary>
    /// What the ledger must show after the run, whatever died when. Each check is logged before it runs: CI may show
    /// only the end of a failure's output, and the last line logged then still names the check that failed.
    /// </summary>
    private async Task AssertLedgerAsync(TestInfrastructure infrastructure, IReadOnlyList<Guid> ids, Stopwatch watch)
    {
        var streams = ids.ToArray();
        // Every application holds each event of the path exactly once: nothing lost, nothing doubled by a redelivery
        // to the other instance, a relay's republish after failover or a job run twice. (Marten's tombstones are not
        // events of anyone's: it writes one for each sequence number an append that failed had taken.)
        Log(watch, "checking that every application holds each event of the path once");
        foreach (var type in Path)
        {
            Assert.Equal(Applications, await infrastructure.ScalarAsync(
                "select count(distinct stream_id) from ledger.mt_events where stream_id = any(@ids) and type = @type", ("ids", streams), ("type", type)));
        }

        var doubled = await infrastructure.ScalarTextAsync(
            """
            select coalesce(string_agg(format('%s %s x%s', stream_id, type, n), '; '), '')
            from (select stream_id, type, count(*) n from ledger.mt_events where type <> 'tombstone' group by stream_id, type having count(*) > 1) doubled
            """);
        Assert.True(doubled.Length == 0, $"events doubled: {doubled}");
        Assert.Equal(Applications * Path.Length, await infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = any(@ids)", ("ids", streams)));

        Log(watch, "checking certificate and notice numbers");
        // No certificate number given twice, no notice number used twice in a cycle.
        Assert.Equal(Applications, await infrastructure.ScalarAsync(
            "select count(distinct data->>'CertificateNumber') from ledger.mt_events where type = 'certificate_issued'"));
        Assert.True(await infrastructure.ScalarAsync("select count(*) from publicity.mt_doc_publicitynotice") >= 2, "fewer than two notices: no number was raced for");
        Assert.Equal(0, await infrastructure.ScalarAsync(
            "select count(*) - count(distinct (data->>'CycleId', data->>'Number')) from publicity.mt_doc_publicitynotice"));

        Log(watch, "checking the seals");
        // Seals, by two Audit instances every two seconds: they ran, each begins where the one before ended (a seal
        // covers the sequence numbers after its from_sequence up to and including its up_to_sequence), so no event is
        // in two seals and none was skipped.
        Assert.True(await infrastructure.ScalarAsync("select count(*) from audit.ledger_seals") > 1, "the seal job did not run twice");
        Assert.Equal(0, await infrastructure.ScalarAsync(
            """
            select count(*) from (
                select from_sequence, lag(up_to_sequence, 1, 0::bigint) over (order by seal_number) as previous_end from audit.ledger_seals) chained
            where from_sequence <> previous_end
            """));
        // One statement, so one snapshot: the two instances go on sealing every two seconds, and two queries could
        // straddle a seal's commit and count its events on one side only.
        Assert.Equal(0, await infrastructure.ScalarAsync(
            "select (select coalesce(sum(event_count), 0) from audit.ledger_seals) - (select count(*) from audit.ledger_sealed_events)"));
    }

    /// <summary>Kills instance <paramref name="index"/> of every service once <paramref name="when"/> completes, and restarts them.</summary>
    private async Task KillAndRestartAsync(Replicas replicas, int index, Task when, Stopwatch watch)
    {
        await when;
        replicas.KillEvery(index);
        Log(watch, $"killed instance {index} of every service");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await replicas.RestartEveryAsync(index);
        Log(watch, $"instance {index} of every service answers /alive again");
    }

    /// <summary>A form on the application's page served by one instance, posted to another, as behind a load balancer.</summary>
    private static async Task ActAsync(Person person, Guid id, string action, Uri page, Uri post)
    {
        var html = await person.Http.GetStringAsync(new Uri(page, $"/review/applications/{id}"));
        var form = Regex.Match(html,
            $"action=\"/review/applications/{id}/{action}\".*?name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\".*?name=\"expectedVersion\" value=\"(\\d+)\"",
            RegexOptions.Singleline);
        Assert.True(form.Success, $"no {action} form for {id} on {page} (signed out?)");

        using var done = await person.Http.PostAsync(new Uri(post, $"/review/applications/{id}/{action}"), new FormUrlEncodedContent(
            [new(form.Groups[1].Value, WebUtility.HtmlDecode(form.Groups[2].Value)), new("expectedVersion", form.Groups[3].Value)]));
        // An unreadable cookie is a redirect too, to the sign-in page: only the action's own answer counts.
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/review/applications/{id}?notice={action}", done.Headers.Location?.OriginalString);
    }

    private void Log(Stopwatch watch, string what) => log.WriteLine($"{watch.Elapsed.TotalSeconds,6:F0} s  {what}");
}
