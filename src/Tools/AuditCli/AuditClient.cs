using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.AuditCli;

public sealed class AuditCallException(string message) : Exception(message);

/// <summary>The HTTP calls behind each verb, and how their answers are printed for a person at a terminal.</summary>
public sealed partial class AuditClient(HttpClient http, TextWriter output)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<int> HistoryAsync(Guid application, CancellationToken cancellationToken)
    {
        var events = await GetAsync($"/api/audit/applications/{application}/events", cancellationToken);
        foreach (var e in events.EnumerateArray())
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"#{e.GetProperty("sequence").GetInt64(),-8} v{e.GetProperty("version").GetInt64(),-3} {e.GetProperty("timestamp").GetDateTimeOffset():yyyy-MM-dd HH:mm:ss}Z  {e.GetProperty("type").GetString(),-24} {Text(e, "service")}/{Text(e, "role")} {Text(e, "userId")}  {e.GetProperty("data").GetRawText()}"));
        }

        return AuditCommands.Clean;
    }

    public async Task<int> StateAtAsync(Guid application, DateTimeOffset? at, long? version, CancellationToken cancellationToken)
    {
        var query = at is { } moment ? $"?at={Uri.EscapeDataString(moment.ToString("O", CultureInfo.InvariantCulture))}" : version is { } v ? $"?version={v}" : "";
        var state = await GetAsync($"/api/audit/applications/{application}/state{query}", cancellationToken);
        await output.WriteLineAsync($"版本 {state.GetProperty("version").GetInt64()} · 状态 {Text(state, "status")}（{Text(state, "statusChinese")}）");
        await output.WriteLineAsync(JsonSerializer.Serialize(state.GetProperty("state"), Indented));
        return AuditCommands.Clean;
    }

    public async Task<int> VerifyOneAsync(Guid application, CancellationToken cancellationToken)
    {
        var report = await GetAsync($"/api/audit/applications/{application}/verification", cancellationToken);
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        await output.WriteLineAsync($"申报 {application}：{report.GetProperty("events").GetInt32()} 个事件，{findings.Count} 项问题。");
        foreach (var f in findings)
        {
            await WriteFindingAsync(f);
        }

        return findings.Count == 0 ? AuditCommands.Clean : AuditCommands.Findings;
    }

    public async Task<int> VerifyAllAsync(CancellationToken cancellationToken)
    {
        using var start = await http.PostAsync(new Uri("/api/audit/verifications", UriKind.Relative), null, cancellationToken);
        await EnsureAsync(start, cancellationToken);
        var location = start.Headers.Location?.ToString() ?? throw new AuditCallException("Audit 服务未返回核验地址 / no run location returned.");
        JsonElement run;
        while (true)
        {
            run = await GetAsync(location, cancellationToken);
            await DrawProgressAsync(run);
            if (Text(run, "state") is "Completed" or "Failed")
            {
                break;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }

        await output.WriteLineAsync();
        if (Text(run, "state") == "Failed")
        {
            throw new AuditCallException($"核验失败 / the run failed: {Text(run, "error")}");
        }

        await output.WriteLineAsync($"核验 {Text(run, "id")}：{run.GetProperty("checkedApplications").GetInt64()} 份申报，{run.GetProperty("checkedEvents").GetInt64()} 个事件，{run.GetProperty("findingCount").GetInt32()} 项问题。");
        foreach (var rule in run.GetProperty("findingsByRule").EnumerateObject().OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  {rule.Name,-36} {rule.Value.GetInt32()}");
        }

        var first = await GetAsync($"{location}/findings?pageSize=20", cancellationToken);
        foreach (var f in first.GetProperty("items").EnumerateArray())
        {
            await WriteFindingAsync(f);
        }

        return run.GetProperty("findingCount").GetInt32() == 0 ? AuditCommands.Clean : AuditCommands.Findings;
    }

    public async Task<int> ExportAsync(Guid? application, Guid? run, string format, FileInfo? file, CancellationToken cancellationToken)
    {
        if ((application is null) == (run is null))
        {
            throw new AuditCallException("请指定 --application 或 --run 之一 / give either --application or --run.");
        }

        var path = application is { } a
            ? $"/api/audit/applications/{a}/events/export?format={Uri.EscapeDataString(format)}"
            : $"/api/audit/verifications/{run}/findings/export?format={Uri.EscapeDataString(format)}";
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (file is null)
        {
            await output.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
        }
        else
        {
            await File.WriteAllBytesAsync(file.FullName, bytes, cancellationToken);
            await output.WriteLineAsync($"已写入 {file.FullName}（{bytes.Length} 字节）");
        }

        return AuditCommands.Clean;
    }

    public async Task<int> SealAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri("/api/audit/seals", UriKind.Relative), null, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        await output.WriteLineAsync(body.TryGetProperty("sealHash", out var hash)
            ? $"第 {body.GetProperty("sealNumber").GetInt64()} 号封存：全局序号 {body.GetProperty("fromSequence").GetInt64()}–{body.GetProperty("upToSequence").GetInt64()}，{body.GetProperty("eventCount").GetInt64()} 个事件，哈希 {hash.GetString()}"
            : Text(body, "message"));
        return AuditCommands.Clean;
    }

    public async Task<int> CheckSealsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri("/api/audit/seals/check", UriKind.Relative), null, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var intact = report.GetProperty("intact").GetBoolean();
        await output.WriteLineAsync(intact
            ? $"封存完好：{report.GetProperty("seals").GetInt32()} 个封存，{report.GetProperty("sealedEvents").GetInt64()} 个事件。"
            : $"发现 {report.GetProperty("problemCount").GetInt32()} 处篡改或缺失：");
        foreach (var problem in report.GetProperty("problems").EnumerateArray())
        {
            await output.WriteLineAsync($"  [{Text(problem, "kind")}] 封存 {Text(problem, "sealNumber")} 序号 {Text(problem, "sequence")} 申报 {Text(problem, "applicationId")}：{Text(problem, "chinese")}");
        }

        return intact ? AuditCommands.Clean : AuditCommands.Findings;
    }

    private async Task DrawProgressAsync(JsonElement run)
    {
        const int width = 30;
        var percent = run.GetProperty("percent").GetInt32();
        var filled = percent * width / 100;
        await output.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('-', width - filled)}] {percent,3}%  {run.GetProperty("checkedApplications").GetInt64()}/{run.GetProperty("totalApplications").GetInt64()} 份申报"));
    }

    private Task WriteFindingAsync(JsonElement f) =>
        output.WriteLineAsync($"  {Text(f, "applicationId")} {Text(f, "rule")}（{Text(f, "clause")}）：{Text(f, "chinese")} 事件 {string.Join(",", f.GetProperty("sequences").EnumerateArray().Select(s => s.GetInt64()))}");

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute), cancellationToken);
        await EnsureAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            throw new AuditCallException($"{(int)response.StatusCode} {Text(problem, "title")} {Text(problem, "detail")}".Trim());
        }
        catch (JsonException)
        {
            throw new AuditCallException($"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? Text(value) : "";
}
