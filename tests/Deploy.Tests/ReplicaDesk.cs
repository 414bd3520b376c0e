using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// The people of the review, over HTTP, against replicated services: each step goes to whichever instance is next and
/// is safe to repeat, because an instance killed mid-request leaves the caller not knowing whether it was done. A
/// portal repeats a submission with its Idempotency-Key; the other steps are repeated and a refusal is accepted when
/// the ledger shows the step was done by the attempt that broke.
/// </summary>
public sealed class ReplicaDesk(Replicas replicas, TestInfrastructure infrastructure)
{
    public const int Concurrency = 8;

    public async Task<IReadOnlyList<Guid>> SubmitAsync(int count)
    {
        var ids = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (n, _) =>
        {
            var key = Guid.NewGuid().ToString("N");
            var application = Applicants.DeclarationOnly($"多实例{n:D3}", idNumber: Applicants.NewIdNumber());
            var (code, body) = await SendAsync("intake", Roles.Portal, HttpMethod.Post, "/api/applications", application,
                request => request.Headers.Add("Idempotency-Key", key));
            Assert.True(code is HttpStatusCode.Created or HttpStatusCode.OK, $"submission {n}: {(int)code} {body}");
            ids[n] = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        });
        return ids;
    }

    public async Task<bool> QueuedForReviewAsync(Guid id) =>
        (await SendAsync("review", Roles.Reviewer, HttpMethod.Get, $"/api/review/queue/{id}")).Code == HttpStatusCode.OK;

    /// <summary>The reviewer client claims and approves (only the claimant may approve).</summary>
    public async Task ApproveAsync(Guid id)
    {
        await StepAsync(id, "review_started", "review", Roles.Reviewer, $"/api/review/applications/{id}/claim", new { });
        await StepAsync(id, "final_approved", "review", Roles.Reviewer, $"/api/review/applications/{id}/final-approval", new { });
    }

    public async Task<IReadOnlyList<Guid>> PendingPublicityAsync()
    {
        var (code, body) = await SendAsync("publicity", Roles.PublicityOfficer, HttpMethod.Get, "/api/publicity/pending");
        Assert.Equal(HttpStatusCode.OK, code);
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray().Select(entry => entry.GetProperty("id").GetGuid())];
    }

    /// <summary>Waits until every one of <paramref name="batch"/> is pending publicity (read once a round, not per id).</summary>
    public async Task UntilPendingAsync(IReadOnlyCollection<Guid> batch, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pending = (await PendingPublicityAsync()).ToHashSet();
            var missing = batch.Count(id => !pending.Contains(id));
            if (missing == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{missing} of {batch.Count} approved applications not pending publicity within {timeout}.\n{string.Join("\n\n", replicas.Crashed())}");
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// The publicity officer's "publish" pressed on every Publicity instance at the same moment: the instances race for
    /// the next notice number; one publishes what is pending, the others find nothing left (409) or take the next number.
    /// </summary>
    public async Task PublishOnEveryInstanceAsync()
    {
        var client = replicas.As(Roles.PublicityOfficer);
        var answers = await Task.WhenAll(Enumerable.Range(0, replicas.PerService).Select(async index =>
        {
            using var response = await replicas["publicity"].SendToAsync(index, client, () => new HttpRequestMessage(HttpMethod.Post, "/api/publicity/notices"));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        Assert.Contains(answers, answer => answer.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, answer => Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"publishing: {(int)answer.StatusCode} {answer.Body}"));
    }

    public async Task<JsonElement> StatusAsync(Guid id)
    {
        var (code, body) = await SendAsync("intake", Roles.Portal, HttpMethod.Get, $"/api/applications/{id}");
        Assert.True(code == HttpStatusCode.OK, $"status of {id}: {(int)code} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<bool> AssessedAndPublishedAsync(Guid id)
    {
        var status = await StatusAsync(id);
        return status.GetProperty("fee").ValueKind == JsonValueKind.Object && status.GetProperty("publicity").ValueKind == JsonValueKind.Object;
    }

    public async Task<bool> StatusIsAsync(Guid id, string expected) => (await StatusAsync(id)).GetProperty("status").GetString() == expected;

    /// <summary>Finance records the payment of the fee Payment assessed.</summary>
    public async Task PayAsync(Guid id)
    {
        var fee = (await StatusAsync(id)).GetProperty("fee");
        await StepAsync(id, "fee_paid", "payment", Roles.Finance, "/api/payments", new
        {
            paymentReference = fee.GetProperty("paymentReference").GetString(),
            amount = fee.GetProperty("amount").GetDecimal(),
        });
    }

    /// <summary>The committee secretary records a valid pass (7 of 9 present, 6 for).</summary>
    public Task DecideAsync(Guid id) =>
        StepAsync(id, "committee_decided", "review", Roles.CommitteeSecretary, "/api/committee/decisions", new
        {
            applicationId = id,
            meetingDate = "2023-06-08",
            membersTotal = 9,
            membersPresent = 7,
            votesFor = 6,
            votesAgainst = 1,
            abstentions = 0,
        });

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for every id, asking about the ones left each round; fails naming
    /// how many never got there, and what any instance that died on its own wrote last.
    /// </summary>
    public async Task UntilAllAsync(IReadOnlyCollection<Guid> ids, Func<Guid, Task<bool>> condition, string what, TimeSpan timeout)
    {
        var left = ids.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var stillLeft = new System.Collections.Concurrent.ConcurrentBag<Guid>();
            await Parallel.ForEachAsync(left, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (id, _) =>
            {
                if (!await condition(id))
                {
                    stillLeft.Add(id);
                }
            });
            left = [.. stillLeft];
            if (left.Count == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"{left.Count} of {ids.Count} applications not {what} within {timeout} (e.g. {left[0]}).\n{string.Join("\n\n", replicas.Crashed())}");
            await Task.Delay(500);
        }
    }

    public static Task ForEachAsync(IEnumerable<Guid> ids, Func<Guid, Task> step) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (id, _) => await step(id));

    /// <summary>
    /// One step that appends <paramref name="eventType"/> to the application's stream. A refusal is the answer to a
    /// repeat only when the ledger holds the event: the attempt that broke with its instance did it.
    /// </summary>
    private async Task StepAsync(Guid id, string eventType, string service, string role, string path, object body)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (code, answer) = await SendAsync(service, role, HttpMethod.Post, path, body);
            if (code == HttpStatusCode.OK)
            {
                return;
            }

            var recorded = await infrastructure.ScalarAsync(
                "select count(*) from ledger.mt_events where stream_id = @id and type = @type", ("id", id), ("type", eventType));
            if (recorded == 1)
            {
                return;
            }

            // Not done, and refused: a conflict with a consumer appending to the same stream at that moment is worth
            // another try, as a person would press again; anything else, or a conflict that persists, is a failure.
            Assert.True(code == HttpStatusCode.Conflict && attempt < 5, $"{path}: {(int)code} {answer} (and the ledger holds {recorded} {eventType})");
            await Task.Delay(500);
        }
    }

    private async Task<(HttpStatusCode Code, string Body)> SendAsync(
        string service, string role, HttpMethod method, string path, object? body = null, Action<HttpRequestMessage>? headers = null)
    {
        using var response = await replicas[service].SendAsync(replicas.As(role), () =>
        {
            var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
            headers?.Invoke(request);
            return request;
        });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
