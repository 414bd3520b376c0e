using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TitleReview.Contracts.Events;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Bench.Load;

/// <summary>
/// The read paths of the target (p99 under 100 ms with 10^5 applications), against whatever the database holds
/// (the seed scenario fills it): the reviewers' queue, the finance overview, the audit search and the public publicity
/// list, each as its role calls it, on the first page, with a filter and on a deep page (the last one, as far as the
/// 1,000,000-row limit allows). Each request is sent <c>rounds</c> times, one at a time, after three unmeasured ones.
/// </summary>
public static class ReadsScenario
{
    private const int MaxOffset = 1_000_000;

    private sealed record Read(string Name, string Service, string Role, string Path);

    public static async Task RunAsync(BenchOptions options, ServiceClients services, string connectionString)
    {
        var applications = await CountAsync(connectionString, typeof(ApplicationSubmitted));
        var outstandingFees = await CountAsync(connectionString, typeof(FeeAssessed)) - await CountAsync(connectionString, typeof(FeePaid));
        var report = new Report($"reads, {applications:N0} applications in the ledger, {options.Rounds} rounds");
        report.Heading();

        var queueTotal = await TotalAsync(services, Roles.Reviewer, "review", "/api/review/queue");
        var auditTotal = await TotalAsync(services, Roles.Auditor, "audit", "/api/audit/applications");
        var noticesTotal = await TotalAsync(services, "public", "publicity", "/api/publicity/notices");
        Read[] reads =
        [
            new("review queue, first page", "review", Roles.Reviewer, "/api/review/queue"),
            new("review queue, status Submitted by name", "review", Roles.Reviewer, "/api/review/queue?status=Submitted&sort=Name"),
            new("review queue, specialty filter, newest", "review", Roles.Reviewer, "/api/review/queue?specialty=%E6%9C%BA%E6%A2%B0&sort=Newest"),
            new("review queue, last page", "review", Roles.Reviewer, $"/api/review/queue?page={LastPage(queueTotal, 20)}"),
            new("finance overview (page)", "payment", Roles.Finance, "/finance"),
            new("finance overview, last page of outstanding fees", "payment", Roles.Finance, $"/finance?op={LastPage(outstandingFees, 20)}"),
            new("audit search, first page", "audit", Roles.Auditor, "/api/audit/applications"),
            new("audit search, name 王", "audit", Roles.Auditor, "/api/audit/applications?name=%E7%8E%8B"),
            new("audit search, status FinalApproved", "audit", Roles.Auditor, "/api/audit/applications?status=FinalApproved"),
            new("audit search, last page", "audit", Roles.Auditor, $"/api/audit/applications?page={LastPage(auditTotal, 20)}"),
            new("public publicity notices, first page", "publicity", "public", "/api/publicity/notices"),
            new("public publicity notices, last page", "publicity", "public", $"/api/publicity/notices?page={LastPage(noticesTotal, 10)}"),
            new("public publicity page", "publicity", "public", "/publicity"),
        ];

        var rows = new List<string[]>();
        foreach (var read in reads)
        {
            var recorder = new Recorder();
            for (var round = -3; round < options.Rounds; round++)
            {
                var started = Stopwatch.GetTimestamp();
                using var answer = await services.As(read.Role).GetAsync(services.Url(read.Service, read.Path));
                await answer.Content.LoadIntoBufferAsync();
                if (round >= 0)
                {
                    recorder.Latency(read.Name, started);
                    recorder.Answer($"GET {read.Path}", new Answer((int)answer.StatusCode, null, answer.IsSuccessStatusCode ? null : await answer.Content.ReadAsStringAsync()));
                }
            }

            var latency = recorder.Summary(read.Name);
            Report.Line($"{read.Name} (GET {read.Service} {read.Path}, {read.Role}): {latency}; errors {Report.Errors(recorder)}");
            rows.Add([read.Name, $"`GET {read.Path}` ({read.Role})", latency.Cell(), Report.Errors(recorder)]);
        }

        Report.Line($"(review queue {queueTotal:N0} items, audit {auditTotal:N0} applications, {noticesTotal:N0} notices, {outstandingFees:N0} outstanding fees)");
        report.Table(["read", "request", $"p50 / p90 / p99 / max ({applications:N0} applications, {await Machine.DescribeAsync(connectionString)}, {DateTime.UtcNow:yyyy-MM-dd})", "errors"], rows);
        await report.WriteMarkdownAsync();
    }

    private static int LastPage(long total, int pageSize) => (int)Math.Clamp((total + pageSize - 1) / pageSize, 1, MaxOffset / pageSize);

    private static async Task<long> TotalAsync(ServiceClients services, string role, string service, string path) =>
        (await services.As(role).GetFromJsonAsync<JsonElement>(services.Url(service, path))).GetProperty("total").GetInt64();

    private static async Task<long> CountAsync(string connectionString, Type eventType)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from ledger.mt_events where type = @type", connection);
        command.Parameters.AddWithValue("type", EventCatalog.For(eventType).StoredName);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
