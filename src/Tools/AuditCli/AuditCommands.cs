using System.CommandLine;
using System.Net.Http.Headers;

namespace TitleReview.AuditCli;

/// <summary>
/// history, state-at, verify, export, seal, check-seals: each a thin call to the Audit service, so the CLI can never
/// disagree with the API. Exit codes: 0 done and clean, 2 findings or broken seals, 1 could not do it.
/// </summary>
public static class AuditCommands
{
    public const int Clean = 0;
    public const int Failed = 1;
    public const int Findings = 2;

    public static async Task<int> RunAsync(string[] args, HttpMessageHandler? handler, TextWriter output, TextWriter error)
    {
        var url = new Option<string>("--url")
        {
            Description = "Audit 服务地址 / the Audit service",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TITLEREVIEW_AUDIT_URL") ?? "http://127.0.0.1:5106",
            Recursive = true,
        };
        var key = new Option<string>("--key")
        {
            Description = "审计账号的 API 密钥（默认取环境变量 TITLEREVIEW_AUDIT_KEY） / the auditor's API key",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TITLEREVIEW_AUDIT_KEY") ?? "",
            Recursive = true,
        };
        var root = new RootCommand("职称评审审计工具 / TitleReview audit CLI") { Options = { url, key } };

        AuditClient Client(ParseResult parse)
        {
            var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.BaseAddress = new Uri(parse.GetValue(url)!);
            if (parse.GetValue(key) is { Length: > 0 } apiKey)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
            }

            return new AuditClient(http, output);
        }

        var application = new Argument<Guid>("application-id") { Description = "申报编号 / application id" };
        var format = new Option<string>("--format") { Description = "json 或 csv", DefaultValueFactory = _ => "json" };
        var outputFile = new Option<FileInfo?>("--output") { Description = "写入文件（默认输出到屏幕） / write to a file" };
        var at = new Option<DateTimeOffset?>("--at") { Description = "时间点，如 2023-06-01T10:00:00+08:00" };
        var version = new Option<long?>("--version") { Description = "版本号（从 1 开始）" };
        var run = new Option<Guid?>("--run") { Description = "全量核验编号 / a verification run" };
        var only = new Option<Guid?>("--application") { Description = "只核验一份申报 / verify one application" };

        var history = new Command("history", "一份申报的全部事件 / every event of one application") { Arguments = { application } };
        history.SetAction((parse, cancellationToken) => Guarded(error, () => Client(parse).HistoryAsync(parse.GetValue(application), cancellationToken)));

        var stateAt = new Command("state-at", "申报在某一时刻或版本时的状态 / the application at a moment or version") { Arguments = { application }, Options = { at, version } };
        stateAt.SetAction((parse, cancellationToken) => Guarded(error, () =>
            Client(parse).StateAtAsync(parse.GetValue(application), parse.GetValue(at), parse.GetValue(version), cancellationToken)));

        var verify = new Command("verify", "重放并复核规则（全部或一份） / re-verify every rule, for all or one") { Options = { only } };
        verify.SetAction((parse, cancellationToken) => Guarded(error, () => parse.GetValue(only) is { } one
            ? Client(parse).VerifyOneAsync(one, cancellationToken)
            : Client(parse).VerifyAllAsync(cancellationToken)));

        var export = new Command("export", "导出一份申报的历史或一次核验的问题 / export a history or a run's findings") { Options = { run, only, format, outputFile } };
        export.SetAction((parse, cancellationToken) => Guarded(error, () =>
            Client(parse).ExportAsync(parse.GetValue(only), parse.GetValue(run), parse.GetValue(format)!, parse.GetValue(outputFile), cancellationToken)));

        var seal = new Command("seal", "立即封存账本 / seal the ledger now");
        seal.SetAction((parse, cancellationToken) => Guarded(error, () => Client(parse).SealAsync(cancellationToken)));

        var checkSeals = new Command("check-seals", "重新计算全部封存 / recompute every seal");
        checkSeals.SetAction((parse, cancellationToken) => Guarded(error, () => Client(parse).CheckSealsAsync(cancellationToken)));

        var message = new Option<Guid?>("--message") { Description = "只重放这一条消息（消息编号） / replay only this message id" };
        var deadLetters = new Command("dead-letters", "死信：查看与重放（--url 指向该服务，--key 用管理员密钥） / dead letters of the service at --url (admin key)");
        var listDead = new Command("list", "各队列的死信 / dead letters per queue (exit 2 when any wait)");
        listDead.SetAction((parse, cancellationToken) => Guarded(error, () => Client(parse).DeadLettersAsync(cancellationToken)));
        var replayDead = new Command("replay", "重放死信（全部或 --message 指定的一条） / replay all, or the one given by --message") { Options = { message } };
        replayDead.SetAction((parse, cancellationToken) => Guarded(error, () => Client(parse).ReplayDeadLettersAsync(parse.GetValue(message), cancellationToken)));
        deadLetters.Subcommands.Add(listDead);
        deadLetters.Subcommands.Add(replayDead);

        foreach (var command in new[] { history, stateAt, verify, export, seal, checkSeals, deadLetters })
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static async Task<int> Guarded(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (AuditCallException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return Failed;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"无法连接 Audit 服务 / cannot reach the Audit service: {ex.Message}");
            return Failed;
        }
    }
}
