namespace TitleReview.Bench.Load;

/// <summary>Only the raw rates, e.g. to compare server settings; needs one submission in the run's ledger to copy.</summary>
public static class RawScenario
{
    public static async Task RunAsync(BenchOptions options, string connectionString, string? messaging)
    {
        var report = new Report($"raw, {options.RawWriters} writers, {options.RawDuration.TotalSeconds:0} s");
        report.Heading();
        var raw = await RawMarten.MeasureAsync(connectionString, options.RawWriters, options.RawDuration);
        Report.Line($"raw Marten start-stream: {raw}");
        var rabbit = messaging is null ? null : await RawRabbit.MeasureAsync(messaging, raw.EventBytes, TimeSpan.FromSeconds(5));
        Report.Line($"raw RabbitMQ: {rabbit?.ToString() ?? "not measured (no ConnectionStrings__messaging)"}");
        report.Table(["raw", "rate", "machine", "date"],
        [
            [$"Marten StartStream + SaveChangesAsync, {raw.Writers} writers, {raw.EventBytes:N0}-byte event", $"{raw.PerSecond:N0} commits/s (commit {raw.Latency.Cell()})", await Machine.DescribeAsync(connectionString), $"{DateTime.UtcNow:yyyy-MM-dd}"],
            ["RabbitMQ publish (confirmed) + consume (acked), quorum queue", rabbit is null ? "–" : $"{rabbit.PerSecond:N0} msgs/s", "", ""],
        ]);
        await report.WriteMarkdownAsync();
    }
}
