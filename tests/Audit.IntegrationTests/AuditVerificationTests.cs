using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Verification;
using TitleReview.Testing;

namespace TitleReview.Audit.IntegrationTests;

/// <summary>The verifier names each rule a forged history breaks, over one application and over a run of them all.</summary>
[Collection(SyntheticLedgerCollection.Name)]
public sealed class AuditVerificationTests(SyntheticLedgerFixture ledger)
{
    public static TheoryData<string> Scenarios() => [.. Histories.BreakingOne.Keys];

    [Fact]
    public async Task A_clean_history_gives_no_finding()
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id));

        var report = await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/verification");

        Assert.Equal(9, report.GetProperty("events").GetInt32());
        Assert.Empty(report.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task A_lapse_undone_by_a_payment_made_on_the_due_date_gives_no_finding()
    {
        var id = await ledger.AppendAsync(id => Histories.WithLapse(Histories.Clean(id), paidOn: new DateOnly(2023, 6, 16)));

        var report = await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/verification");

        Assert.Equal(11, report.GetProperty("events").GetInt32());
        Assert.Empty(report.GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Each_broken_rule_is_named_with_the_events_that_break_it(string scenario)
    {
        var (rule, build) = Histories.BreakingOne[scenario];
        var id = await ledger.AppendAsync(build);

        var report = await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/verification");
        var findings = report.GetProperty("findings").EnumerateArray().ToList();

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(rule, f.GetProperty("rule").GetString()));
        var sequences = (await ledger.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/events"))
            .EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToHashSet();
        Assert.All(findings, f =>
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", f.GetProperty("chinese").GetString());
            Assert.NotEmpty(f.GetProperty("clause").GetString()!);
            Assert.All(f.GetProperty("sequences").EnumerateArray(), s => Assert.Contains(s.GetInt64(), sequences));
        });
    }

    [Fact]
    public void An_event_the_catalog_does_not_know_is_a_finding_not_a_crash()
    {
        var id = Guid.NewGuid();
        var history = new[]
        {
            new LedgerEvent(1, Guid.NewGuid(), id, 1, "application_forged", DateTimeOffset.UnixEpoch, null, "{}"u8.ToArray(), "x", "x", "Intake", null, null),
        };

        var finding = Assert.Single(HistoryVerifier.Verify(history));

        Assert.Equal(AuditRules.KnownEvent.Code, finding.Rule);
    }

    [Fact]
    public async Task A_run_over_every_stream_reports_progress_and_finds_each_broken_rule()
    {
        var clean = await ledger.AppendAsync(id => Histories.Clean(id));
        var broken = new Dictionary<Guid, string>();
        foreach (var (rule, build) in Histories.BreakingOne.Values)
        {
            broken[await ledger.AppendAsync(build)] = rule;
        }

        using var start = await ledger.AuditApi.PostAsync("/api/audit/verifications", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.ToString();
        var run = await Eventually.ReturnsAsync<JsonElement?>(
            async () => await ledger.AuditApi.GetFromJsonAsync<JsonElement>(location),
            r => r!.Value.GetProperty("state").GetString() == "Completed", TimeSpan.FromSeconds(60), "the verification run to complete");

        Assert.Equal(100, run!.Value.GetProperty("percent").GetInt32());
        Assert.Equal(run.Value.GetProperty("totalApplications").GetInt64(), run.Value.GetProperty("checkedApplications").GetInt64());
        var findings = await AllFindingsAsync(location);
        Assert.DoesNotContain(findings, f => f.ApplicationId == clean);
        foreach (var (id, rule) in broken)
        {
            Assert.Contains(findings, f => f.ApplicationId == id && f.Rule == rule);
        }

        var csv = await ledger.AuditApi.GetStringAsync($"{location}/findings/export?format=csv");
        Assert.Contains(AuditRules.CommitteeQuorumAndThreshold.Code, csv);
        Assert.StartsWith("\"序号\"", csv.TrimStart('\uFEFF'));
        var json = JsonDocument.Parse(await ledger.AuditApi.GetStringAsync($"{location}/findings/export?format=json")).RootElement;
        Assert.Equal(findings.Count, json.GetProperty("findings").GetArrayLength());
    }

    private async Task<List<RunFinding>> AllFindingsAsync(string location)
    {
        var all = new List<RunFinding>();
        for (var page = 1; ; page++)
        {
            var found = await ledger.AuditApi.GetFromJsonAsync<FindingsPage>($"{location}/findings?page={page}&pageSize=500", TestJson.Web);
            all.AddRange(found!.Items);
            if (found.Items.Count < found.PageSize)
            {
                return all;
            }
        }
    }
}
