using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Bench.Load;

/// <summary>
/// The committee → certificate hop, which needs an application through everything before it: as the system tests
/// walk it over HTTP (tests/SystemTesting Journey, tests/Deploy.Tests ReplicaDesk) with business time at the start of
/// the window, <c>count</c> applications are submitted and approved, published on one notice, paid by finance, the
/// development clocks moved past the publicity period (2023-06-08, Beijing morning), and once all await the committee
/// the secretary records a pass for each, evenly over the duration, optionally with portals submitting beside them;
/// then CommitteeDecided → CertificateIssued is read from the ledger. Business time is put back at the end.
/// </summary>
public static class CertifyScenario
{
    private const int Concurrency = 8;
    private static readonly DateTimeOffset InsideWindow = new(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterPublicity = new(2023, 6, 8, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Phase = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(BenchOptions options, ServiceClients services, string connectionString)
    {
        var report = new Report($"certify, {options.Count} applications");
        report.Heading();
        var businessTimeBefore = await services.BusinessNowAsync();
        await services.SetBusinessTimeAsync(InsideWindow);
        try
        {
            var recorder = new Recorder();
            var approver = new Approver(services, recorder, every: 1);
            var portal = await Portal.ForBusinessTodayAsync(services, new Applicants());
            await ClosedLoop.RunAsync(await PortalWork.StartAsync(portal, Flow.Submit, recorder, approver), Concurrency, TimeSpan.MaxValue, options.Count);
            await approver.FinishAsync();
            var ids = approver.Approved.ToList();
            Step($"{recorder.Accepted.Count} submitted, {ids.Count} approved");

            await UntilAsync(async () => (await PendingAsync(services)).IsSupersetOf(ids), "every approved application pending publicity");
            using (var published = await services.As(Roles.PublicityOfficer).PostAsync(services.Url("publicity", "/api/publicity/notices"), null))
            {
                await CheckAsync(published, "publishing the notice");
            }

            await ForEachAsync(ids, async id => await PayAsync(services, await UntilAssessedAsync(services, id)));
            Step("published and paid");

            await services.SetBusinessTimeAsync(AfterPublicity);
            await ForEachAsync(ids, id => UntilAsync(async () => (await StatusAsync(services, id)).GetProperty("status").GetString() == "AwaitingCommittee", $"{id} awaiting the committee"));
            Step("publicity completed: every one awaits the committee");

            // The passes evenly over the duration, with the portals' load beside them when --rate asks for it (for
            // business today, 2023-06-08, so their work histories end on the day they are submitted).
            var background = new Recorder();
            var load = options.Rate > 0
                ? await PortalWork.StartAsync(await Portal.ForBusinessTodayAsync(services, new Applicants()), Flow.Submit, background, approver: null)
                : null;
            var submitting = load is null ? Task.CompletedTask : OpenLoop.RunAsync((_, due) => load.RunOnceAsync(due), options.Rate, options.Duration);
            await OpenLoop.RunAsync((i, due) => DecideAsync(services, recorder, ids[(int)i], due), ids.Count / options.Duration.TotalSeconds, options.Duration);
            await submitting;
            var hop = await Propagation.MeasureAsync(connectionString, Hop.CommitteeDecidedToCertificateIssued, ids, TimeSpan.FromSeconds(60));
            Report.Answers(recorder);
            Report.Line($"latency {Decisions}: {recorder.Summary(Decisions)}");
            if (load is not null)
            {
                Report.Line($"beside them: {background.Accepted.Count:N0} submissions accepted ({options.Rate:0.#}/s offered), submission {background.Summary("submission")}, errors {Report.Errors(background)}");
            }

            Report.Line($"propagation: {hop}");
            report.Table(["load", "CommitteeDecided → CertificateIssued p50 / p90 / p99 / max", "not issued", "machine", "date"],
                [[$"certify: {ids.Count} passes over {options.Duration.TotalSeconds:0} s" + (load is null ? "" : $", {options.Rate:0.#} submissions/s beside them"), hop.Latency.Cell(), $"{hop.Missing}", await Machine.DescribeAsync(connectionString), $"{DateTime.UtcNow:yyyy-MM-dd}"]]);
            await report.WriteMarkdownAsync();
        }
        finally
        {
            await services.SetBusinessTimeAsync(businessTimeBefore);
        }
    }

    private const string Decisions = "POST /api/committee/decisions";

    /// <summary>The secretary records a valid pass (7 of 9 present, 6 for), as the system tests do.</summary>
    private static async Task DecideAsync(ServiceClients services, Recorder recorder, Guid id, long due)
    {
        using var decided = await services.As(Roles.CommitteeSecretary).PostAsJsonAsync(services.Url("review", "/api/committee/decisions"), new
        {
            applicationId = id, meetingDate = "2023-06-08", membersTotal = 9, membersPresent = 7, votesFor = 6, votesAgainst = 1, abstentions = 0,
        });
        recorder.Latency(Decisions, due);
        recorder.Answer(Decisions, new Answer((int)decided.StatusCode, id, decided.IsSuccessStatusCode ? null : await decided.Content.ReadAsStringAsync()));
    }

    private static void Step(string what) => Report.Line($"{DateTime.Now:HH:mm:ss} {what}");

    private static async Task<HashSet<Guid>> PendingAsync(ServiceClients services)
    {
        var pending = await services.As(Roles.PublicityOfficer).GetFromJsonAsync<JsonElement>(services.Url("publicity", "/api/publicity/pending"));
        return [.. pending.EnumerateArray().Select(entry => entry.GetProperty("id").GetGuid())];
    }

    private static async Task<JsonElement> StatusAsync(ServiceClients services, Guid id) =>
        await services.As(Roles.Portal).GetFromJsonAsync<JsonElement>(services.Url("intake", $"/api/applications/{id}"));

    /// <summary>The application's status once Payment assessed its fee and the notice reached Intake.</summary>
    private static async Task<JsonElement> UntilAssessedAsync(ServiceClients services, Guid id)
    {
        JsonElement status = default;
        await UntilAsync(async () =>
        {
            status = await StatusAsync(services, id);
            return status.GetProperty("fee").ValueKind == JsonValueKind.Object && status.GetProperty("publicity").ValueKind == JsonValueKind.Object;
        }, $"{id} assessed and published");
        return status;
    }

    /// <summary>Finance records the payment of the assessed fee.</summary>
    private static async Task PayAsync(ServiceClients services, JsonElement status)
    {
        var fee = status.GetProperty("fee");
        using var paid = await services.As(Roles.Finance).PostAsJsonAsync(services.Url("payment", "/api/payments"), new
        {
            paymentReference = fee.GetProperty("paymentReference").GetString(),
            amount = fee.GetProperty("amount").GetDecimal(),
        });
        await CheckAsync(paid, "recording a payment");
    }

    private static async Task CheckAsync(HttpResponseMessage answer, string what)
    {
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Phase)
            {
                throw new TimeoutException($"Not {what} within {Phase}.");
            }

            await Task.Delay(250);
        }
    }

    private static Task ForEachAsync(IEnumerable<Guid> ids, Func<Guid, Task> step) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (id, _) => await step(id));
}
