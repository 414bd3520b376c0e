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

    [Fact]
    public async Task Seal_and_check_seals_agree_with_the_service()
    {
        await ledger.AppendAsync(id => Histories.Clean(id));

        var (sealCode, sealed_, _) = await CliAsync("seal");
        Assert.Equal(AuditCommands.Clean, sealCode);
        Assert.Contains("号封存", sealed_);

        var (checkCode, checkOutput, _) = await CliAsync("check-seals");
        using var response = await ledger.AuditApi.PostAsync("/api/audit/seals/check", null);
        var intact = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("intact").GetBoolean();
        Assert.Equal(intact ? AuditCommands.Clean : AuditCommands.Findings, checkCode);
        Assert.Contains(intact ? "封存完好" : "篡改或缺失", checkOutput);
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
        CliWithKeyAsync(DevelopmentApiClients.KeyByRole[Roles.Auditor], args);

    private async Task<(int Code, string Output, string Error)> CliWithKeyAsync(string key, params string[] args)
    {
        using var handler = ledger.Audit.Server.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AuditCommands.RunAsync([.. args, "--url", "http://localhost", "--key", key], handler, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
