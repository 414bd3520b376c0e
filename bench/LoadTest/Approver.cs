using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Bench.Load;

/// <summary>
/// A reviewer working beside the portals: every <c>every</c>-th accepted application is claimed and approved as soon as
/// it is in the review queue (tests/Deploy.Tests ReplicaDesk: POST …/claim, then …/final-approval), so the approval's
/// hops (fee assessed, publicity pending) are measured under the same load.
/// </summary>
public sealed class Approver
{
    private const int Reviewers = 4;
    private readonly Channel<Guid> sampled = Channel.CreateUnbounded<Guid>();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Guid> approved = new();
    private readonly ServiceClients services;
    private readonly Recorder recorder;
    private readonly int every;
    private readonly Task[] reviewers;
    private long offered;

    public Approver(ServiceClients services, Recorder recorder, int every)
    {
        this.services = services;
        this.recorder = recorder;
        this.every = every;
        reviewers = every <= 0 ? [] : [.. Enumerable.Range(0, Reviewers).Select(_ => Task.Run(ReviewAsync))];
    }

    public IReadOnlyCollection<Guid> Approved => approved;

    public void Offer(Guid id)
    {
        if (every > 0 && Interlocked.Increment(ref offered) % every == 0)
        {
            sampled.Writer.TryWrite(id);
        }
    }

    /// <summary>No more offers: waits until every sampled application was approved (or given up on).</summary>
    public async Task FinishAsync()
    {
        sampled.Writer.TryComplete();
        await Task.WhenAll(reviewers);
    }

    private async Task ReviewAsync()
    {
        var client = services.As(Roles.Reviewer);
        await foreach (var id in sampled.Reader.ReadAllAsync())
        {
            if (!await QueuedAsync(client, id))
            {
                recorder.Answer("GET /api/review/queue/{id} (not there within 60 s)", new Answer(0, id));
                continue;
            }

            if (await StepAsync(client, id, "claim", Requests.Claim) && await StepAsync(client, id, "final-approval", Requests.Approval))
            {
                approved.Enqueue(id);
            }
        }
    }

    private async Task<bool> QueuedAsync(HttpClient client, Guid id)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            using var answer = await client.GetAsync(services.Url("review", $"/api/review/queue/{id}"));
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private async Task<bool> StepAsync(HttpClient client, Guid id, string step, string request)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var answer = await client.PostAsJsonAsync(services.Url("review", $"/api/review/applications/{id}/{step}"), new { });
            recorder.Latency(request, started);
            recorder.Answer(request, new Answer((int)answer.StatusCode, id, answer.IsSuccessStatusCode ? null : await answer.Content.ReadAsStringAsync()));
            return answer.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Answer(request, new Answer(0, id, e.Message));
            return false;
        }
    }
}
