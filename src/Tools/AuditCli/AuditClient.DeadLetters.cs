using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.AuditCli;

/// <summary>
/// dead-letters list / replay: the administrator's calls to any consuming service's <c>/api/admin/dead-letters</c>
/// (point <c>--url</c> at that service and <c>--key</c> at an administrator's key).
/// </summary>
public sealed partial class AuditClient
{
    public async Task<int> DeadLettersAsync(CancellationToken cancellationToken)
    {
        var queues = await GetAsync("/api/admin/dead-letters", cancellationToken);
        long total = 0;
        foreach (var queue in queues.EnumerateArray())
        {
            var count = queue.GetProperty("count").GetInt64();
            total += count;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{Text(queue, "errorQueue")}: {count} 条 / message(s)"));
            foreach (var letter in queue.GetProperty("first").EnumerateArray())
            {
                await output.WriteLineAsync($"  {Text(letter, "messageId")}  {Text(letter, "messageType")}  {Text(letter, "failedAt")}  {Text(letter, "exceptionType")}: {Text(letter, "reason")}");
                await output.WriteLineAsync($"      {Text(letter, "where")}");
            }
        }

        await output.WriteLineAsync(total == 0 ? "没有死信。 / No dead letters." : string.Create(CultureInfo.InvariantCulture, $"共 {total} 条死信。 / {total} dead letter(s)."));
        return total == 0 ? AuditCommands.Clean : AuditCommands.Findings;
    }

    public async Task<int> ReplayDeadLettersAsync(Guid? messageId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/admin/dead-letters/replay", UriKind.Relative), new { messageId }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var replay = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"已重放 {replay.GetProperty("replayed").GetInt32()} 条。 / Replayed {replay.GetProperty("replayed").GetInt32()} message(s): {string.Join(", ", replay.GetProperty("messageIds").EnumerateArray().Select(id => Text(id)))}"));
        return AuditCommands.Clean;
    }

    /// <summary>A JSON value as a person reads it: a string without its quotes, anything else as written.</summary>
    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
