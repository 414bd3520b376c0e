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

    private sealed record RawRates(RawMarten.Result? Marten, RawRabbit.Result? Rabbit);

    public static async Task RunAsync(BenchOptions options, ServiceClients services, string connectionString, string? messaging)
    {
        var report = new Report(options.Describe());
        report.Heading();
        var portal = await Portal.ForBusinessTodayAsync(services, new Applicants());
        await WarmUpAsync(portal);
        if (options.WarmDuration > TimeSpan.Zero && options.Scenario is "rush" or "steady")
        {
            await WarmRushAsync(options, services, portal, connectionString);
        }

        var raw = options.RawDuration > TimeSpan.Zero && options.Scenario != "seed"
            ? await MeasureRawAsync(options, connectionString, messaging)
            : new RawRates(null, null);

        var recorder = new Recorder();
        var approver = new Approver(services, recorder, options.ApproveEvery);
        var elapsed = await LoadAsync(options, await PortalWork.StartAsync(portal, options.Flow, recorder, approver));
        var approvals = Stopwatch.StartNew();
        await approver.FinishAsync();

        var throughput = recorder.Accepted.Count / elapsed.TotalSeconds;
        Report.Line($"accepted {recorder.Accepted.Count:N0} submissions in {elapsed.TotalSeconds:F1} s = {throughput:F1}/s" +
            (raw.Marten is null ? "" : $" = {100 * throughput / raw.Marten.PerSecond:F1} % of the raw Marten rate"));
        foreach (var measure in recorder.Measures)
        {
            Report.Line($"latency {measure}: {recorder.Summary(measure)}");
        }

        Report.Answers(recorder);
        Report.Line($"approved {approver.Approved.Count:N0} (every {options.ApproveEvery}th accepted; finished {approvals.Elapsed.TotalSeconds:F1} s after the load)");
        if (options.Scenario != "seed")
        {
            var hops = await PropagationAsync(connectionString, recorder, approver);
            await TableAsync(report, options, connectionString, raw, throughput, recorder, hops);
        }
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

    /// <summary>
    /// The measured load before it is measured, approvals included: the generator is a fresh process for each run, and
    /// twenty sequential submissions leave most of its code for the tiered JIT to recompile during the measured seconds,
    /// on the cores the system under test needs; a warm-up without approvals leaves the approval path of Review,
    /// Payment and Publicity cold (their JIT threads took a third of the machine in a profiled rush after one). Then it
    /// waits until Review queued all of it and Payment assessed every approval, the two longest hops, so the raw rates
    /// that follow do not share the cores with most of the backlog (Publicity's and Intake's followers may still be
    /// finishing; in the measured rushes FinalApproved reached Publicity's pending list within a few milliseconds of
    /// the fee).
    /// </summary>
    private static async Task WarmRushAsync(BenchOptions options, ServiceClients services, Portal portal, string connectionString)
    {
        var recorder = new Recorder();
        var approver = new Approver(services, recorder, options.ApproveEvery);
        var elapsed = await ClosedLoop.RunAsync(await PortalWork.StartAsync(portal, options.Flow, recorder, approver),
            options.Portals, options.WarmDuration, long.MaxValue);
        var settled = Stopwatch.StartNew();
        await approver.FinishAsync();
        var queued = await Propagation.MeasureAsync(connectionString, Hop.SubmittedToReviewQueue, recorder.Accepted, Settle);
        var assessed = approver.Approved.Count > 0
            ? $"; {await Propagation.MeasureAsync(connectionString, Hop.FinalApprovedToFeeAssessed, approver.Approved, Settle)}"
            : "";
        Report.Line($"warm rush (not counted): {recorder.Accepted.Count:N0} accepted and {approver.Approved.Count:N0} approved in " +
            $"{elapsed.TotalSeconds:F1} s; settled {settled.Elapsed.TotalSeconds:F1} s later ({queued}{assessed})");
        Report.Answers(recorder);
    }

    private static async Task<RawRates> MeasureRawAsync(BenchOptions options, string connectionString, string? messaging)
    {
        var marten = await RawMarten.MeasureAsync(connectionString, options.RawWriters, options.RawDuration);
        Report.Line($"raw Marten start-stream: {marten}");
        if (messaging is null)
        {
            return new RawRates(marten, null);
        }

        var rabbit = await RawRabbit.MeasureAsync(messaging, marten.EventBytes, TimeSpan.FromSeconds(5));
        Report.Line($"raw RabbitMQ: {rabbit}");
        return new RawRates(marten, rabbit);
    }

    /// <summary>The load itself; the time its accepted submissions are counted over.</summary>
    private static async Task<TimeSpan> LoadAsync(BenchOptions options, PortalWork work)
    {
        if (options.Scenario != "steady")
        {
            var seed = options.Scenario == "seed";
            return await ClosedLoop.RunAsync(work, options.Portals, seed ? TimeSpan.MaxValue : options.Duration, seed ? options.Count : long.MaxValue);
        }

        // The open loop's rate is what was accepted until the last answer came in, not what was offered.
        var (drain, sendLag) = await OpenLoop.RunAsync((_, due) => work.RunOnceAsync(due), options.Rate, options.Duration);
        Report.Line($"offered {options.Rate:0.#}/s for {options.Duration.TotalSeconds:F0} s; the last answer came {drain.TotalSeconds:F1} s after the last send; " +
            $"the generator was at most {sendLag:F0} ms late in sending");
        return options.Duration + drain;
    }

    private static async Task<List<HopResult>> PropagationAsync(string connectionString, Recorder recorder, Approver approver)
    {
        Report.Line("propagation (ledger and read-model timestamps in PostgreSQL):");
        var hops = new List<HopResult> { await Propagation.MeasureAsync(connectionString, Hop.SubmittedToReviewQueue, recorder.Accepted, Settle) };
        if (approver.Approved.Count > 0)
        {
            hops.Add(await Propagation.MeasureAsync(connectionString, Hop.FinalApprovedToFeeAssessed, approver.Approved, Settle));
            hops.Add(await Propagation.MeasureAsync(connectionString, Hop.FinalApprovedToPublicityPending, approver.Approved, Settle));
        }

        hops.ForEach(hop => Report.Line($"  {hop}"));
        return hops;
    }

    private static async Task TableAsync(Report report, BenchOptions options, string connectionString, RawRates raw, double throughput,
        Recorder recorder, List<HopResult> hops)
    {
        var primary = recorder.Summary(options.Flow == Flow.Full ? "flow" : "submission");
        string HopCell(Hop which) => hops.FirstOrDefault(h => h.Hop == which)?.Latency.Cell() ?? "–";
        report.Table(
            ["load", "submissions/s", "raw Marten commits/s", "ratio", "latency p50 / p90 / p99 / max", "errors", "Submitted → review queue",
                "FinalApproved → FeeAssessed", "FinalApproved → publicity pending", "raw RabbitMQ msgs/s", "machine", "date"],
            [[
                options.Describe(), $"{throughput:F1}", raw.Marten is null ? "–" : $"{raw.Marten.PerSecond:N0} ({raw.Marten.Writers} writers)",
                raw.Marten is null ? "–" : $"{100 * throughput / raw.Marten.PerSecond:F1} %", primary.Cell(), Report.Errors(recorder),
                HopCell(Hop.SubmittedToReviewQueue), HopCell(Hop.FinalApprovedToFeeAssessed), HopCell(Hop.FinalApprovedToPublicityPending),
                raw.Rabbit is null ? "–" : $"{raw.Rabbit.PerSecond:N0}", await Machine.DescribeAsync(connectionString), $"{DateTime.UtcNow:yyyy-MM-dd}",
            ]]);
        await report.WriteMarkdownAsync();
    }
}
