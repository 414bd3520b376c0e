using System.Diagnostics;

namespace TitleReview.Bench.Load;

/// <summary>
/// rush, steady and seed: a warm-up, then the raw Marten and RabbitMQ rates of this machine (the ceiling the targets
/// are ratios of), then the portal load with a reviewer approving a sample beside it, then the propagation per hop
/// read from PostgreSQL once the effects have arrived.
/// </summary>
public static class LoadScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(BenchOptions options, ServiceClients services, string connectionString, string? messaging)
    {
        var report = new Report(options.Describe());
        report.Heading();
        var portal = await Portal.ForBusinessTodayAsync(services, new Applicants());
        await WarmUpAsync(portal);

        RawMarten.Result? raw = null;
        RawRabbit.Result? rabbit = null;
        if (options.RawDuration > TimeSpan.Zero && options.Scenario != "seed")
        {
            raw = await RawMarten.MeasureAsync(connectionString, options.RawWriters, options.RawDuration);
            Report.Line($"raw Marten start-stream: {raw}");
            if (messaging is not null)
            {
                rabbit = await RawRabbit.MeasureAsync(messaging, raw.EventBytes, TimeSpan.FromSeconds(5));
                Report.Line($"raw RabbitMQ: {rabbit}");
            }
        }

        var recorder = new Recorder();
        var approver = new Approver(services, recorder, options.ApproveEvery);
        var work = await PortalWork.StartAsync(portal, options.Flow, recorder, approver);
        var (elapsed, sendLag) = options.Scenario switch
        {
            // The open loop's rate is over its schedule; how long its answers kept coming in after it is printed.
            "steady" => await OpenLoop.RunAsync((_, due) => work.RunOnceAsync(due), options.Rate, options.Duration),
            "seed" => (await ClosedLoop.RunAsync(work, options.Portals, TimeSpan.MaxValue, options.Count), 0),
            _ => (await ClosedLoop.RunAsync(work, options.Portals, options.Duration), 0),
        };
        var approvals = Stopwatch.StartNew();
        await approver.FinishAsync();

        var window = options.Scenario == "steady" ? options.Duration : elapsed;
        var throughput = recorder.Accepted.Count / window.TotalSeconds;
        Report.Line($"accepted {recorder.Accepted.Count:N0} submissions in {window.TotalSeconds:F1} s = {throughput:F1}/s" +
            (raw is null ? "" : $" = {100 * throughput / raw.PerSecond:F1} % of the raw Marten rate") +
            (options.Scenario == "steady" ? $" (offered {options.Rate:0.#}/s; last answer {elapsed.TotalSeconds:F1} s after the last send; generator at most {sendLag:F0} ms late)" : ""));
        foreach (var measure in recorder.Measures)
        {
            Report.Line($"latency {measure}: {recorder.Summary(measure)}");
        }

        Report.Answers(recorder);
        Report.Line($"approved {approver.Approved.Count:N0} (every {options.ApproveEvery}th accepted; finished {approvals.Elapsed.TotalSeconds:F1} s after the load)");
        if (options.Scenario == "seed")
        {
            return;
        }

        Report.Line("propagation (ledger and read-model timestamps in PostgreSQL):");
        var hops = new List<HopResult> { await Propagation.MeasureAsync(connectionString, Hop.SubmittedToReviewQueue, recorder.Accepted, Settle) };
        if (approver.Approved.Count > 0)
        {
            hops.Add(await Propagation.MeasureAsync(connectionString, Hop.FinalApprovedToFeeAssessed, approver.Approved, Settle));
            hops.Add(await Propagation.MeasureAsync(connectionString, Hop.FinalApprovedToPublicityPending, approver.Approved, Settle));
        }

        hops.ForEach(hop => Report.Line($"  {hop}"));
        var primary = recorder.Summary(options.Flow == Flow.Full ? "flow" : "submission");
        string HopCell(Hop which) => hops.FirstOrDefault(h => h.Hop == which)?.Latency.Cell() ?? "–";
        report.Table(
            ["load", "submissions/s", "raw Marten commits/s", "ratio", "latency p50 / p90 / p99 / max", "errors", "Submitted → review queue",
                "FinalApproved → FeeAssessed", "FinalApproved → publicity pending", "raw RabbitMQ msgs/s", "machine", "date"],
            [[
                options.Describe(), $"{throughput:F1}", raw is null ? "–" : $"{raw.PerSecond:N0} ({raw.Writers} writers)",
                raw is null ? "–" : $"{100 * throughput / raw.PerSecond:F1} %", primary.Cell(), Report.Errors(recorder),
                HopCell(Hop.SubmittedToReviewQueue), HopCell(Hop.FinalApprovedToFeeAssessed), HopCell(Hop.FinalApprovedToPublicityPending),
                rabbit is null ? "–" : $"{rabbit.PerSecond:N0}", await Machine.DescribeAsync(connectionString), $"{DateTime.UtcNow:yyyy-MM-dd}",
            ]]);
        await report.WriteMarkdownAsync();
    }

    /// <summary>
    /// Twenty submissions one after the other, not counted: the services' first requests pay for JIT and connections.
    /// One must be accepted, else the load would only measure refusals (the reason is printed).
    /// </summary>
    private static async Task WarmUpAsync(Portal portal)
    {
        var recorder = new Recorder();
        var work = await PortalWork.StartAsync(portal, Flow.Submit, recorder, approver: null);
        for (var i = 0; i < 20; i++)
        {
            await work.RunOnceAsync(Stopwatch.GetTimestamp());
        }

        if (recorder.Accepted.Count == 0)
        {
            Report.Answers(recorder);
            throw new InvalidOperationException("No warm-up submission was accepted.");
        }
    }
}
