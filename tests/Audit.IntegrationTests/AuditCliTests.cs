using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.AuditCli;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Audit.IntegrationTests;

/// <summary>The auditors' CLI against the real Audit service: every verb, its output and its exit code.</summary>
[Collection(SyntheticLedgerCollection.Name)]
public sealed class AuditCliTests(SyntheticLedgerFixture ledger)
{
    [Fact]
    public async Task Verify_shows_progress_and_the_findings_and_exits_2()
    {
        await ledger.AppendAsync(id => Histories.Clean(id));
        var broken = await ledger.AppendAsync(Histories.BreakingOne["paid a different amount"].Build);

        var (code, output, _) = await CliAsync("verify");

        Assert.Equal(AuditCommands.Findings, code);
        Assert.Contains("100%", output);
        Assert.Contains("fee-paid-matches-assessed", output);
        var (one, oneOutput, _) = await CliAsync("verify", "--application", broken.ToString());
        Assert.Equal(AuditCommands.Findings, one);
        Assert.Contains("缴费", oneOutput);
    }

    [Fact]
    public async Task History_state_at_and_export_print_what_the_API_answers()
    {
        var id = await ledger.AppendAsync(id => Histories.Clean(id));

        var (historyCode, history, _) = await CliAsync("history", id.ToString());
        Assert.Equal(AuditCommands.Clean, historyCode);
        Assert.Equal(9, history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("application_submitted", history);

        var (_, state, _) = await CliAsync("state-at", id.ToString(), "--version", "1");
        Assert.Contains("状态 Submitted", state);

        var (_, csv, _) = await CliAsync("export", "--application", id.ToString(), "--format", "csv");
        Assert.StartsWith("\"全局序号\"", csv);

        var (verifyCode, _, _) = await CliAsync("verify", "--application", id.ToString());
        Assert.Equal(AuditCommands.Clean, verifyCode);
    }

    /// <summary>
    /// On a ledger of its own: the shared one is tampered with by the seal tests, so there the check's outcome would
    /// depend on test order. Here it is intact after sealing, then broken by one changed event, and the CLI and the
    /// service agree both times.
    /// </summary>
    [Fact]
    public async Task Seal_and_check_seals_agree_with_the_service()
    {
        var own = new SyntheticLedgerFixture();
        await own.InitializeAsync();
        try
        {
            var id = await own.AppendAsync(id => Histories.Clean(id));

            var (sealCode, sealed_, _) = await CliAsync(own, "seal");
            Assert.Equal(AuditCommands.Clean, sealCode);
            Assert.Contains("号封存", sealed_);

            var (intactCode, intactOutput, _) = await CliAsync(own, "check-seals");
            Assert.Equal(AuditCommands.Clean, intactCode);
            Assert.Contains("封存完好", intactOutput);
            Assert.True(await IntactAsync(own));

            var fee = await own.Infrastructure.ScalarAsync(
                "select seq_id from ledger.mt_events where stream_id = @id and type = 'fee_assessed'", ("id", id));
            await own.Infrastructure.ScalarAsync(
                $"with changed as (update ledger.mt_events set data = jsonb_set(data, '{{Amount}}', '3.00') where seq_id = {fee} returning 1) select count(*) from changed");

            var (brokenCode, brokenOutput, _) = await CliAsync(own, "check-seals");
            Assert.Equal(AuditCommands.Findings, brokenCode);
            Assert.Contains("篡改或缺失", brokenOutput);
            Assert.False(await IntactAsync(own));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    private static async Task<bool> IntactAsync(SyntheticLedgerFixture on)
    {
        using var response = await on.AuditApi.PostAsync("/api/audit/seals/check", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("intact").GetBoolean();
    }

    [Fact]
    public async Task An_unknown_application_or_a_wrong_key_is_an_error_in_words_and_exit_1()
    {
        var (code, _, error) = await CliAsync("history", Guid.NewGuid().ToString());
        Assert.Equal(AuditCommands.Failed, code);
        Assert.Contains("404", error);

        var (forbidden, _, why) = await CliWithKeyAsync(DevelopmentApiClients.KeyByRole[Roles.Reviewer], "seal");
        Assert.Equal(AuditCommands.Failed, forbidden);
        Assert.Contains("403", why);
    }

    private Task<(int Code, string Output, string Error)> CliAsync(params string[] args) =>
        CliWithKeyAsync(ledger, DevelopmentApiClients.KeyByRole[Roles.Auditor], args);

    private static Task<(int Code, string Output, string Error)> CliAsync(SyntheticLedgerFixture on, params string[] args) =>
        CliWithKeyAsync(on, DevelopmentApiClients.KeyByRole[Roles.Auditor], args);

    private Task<(int Code, string Output, string Error)> CliWithKeyAsync(string key, params string[] args) =>
        CliWithKeyAsync(ledger, key, args);

    private static async Task<(int Code, string Output, string Error)> CliWithKeyAsync(SyntheticLedgerFixture on, string key, params string[] args)
    {
        using var handler = on.Audit.Server.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AuditCommands.RunAsync([.. args, "--url", "http://localhost", "--key", key], handler, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
