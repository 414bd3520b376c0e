using TitleReview.Web.Http;

namespace TitleReview.Audit.Features.History;

public static class HistoryEndpoints
{
    /// <summary>GET …/{id}/events: every event of one application; …/events/export?format=json|csv for the file.</summary>
    public static RouteGroupBuilder MapHistory(this RouteGroupBuilder applications)
    {
        applications.MapGet("/{id:guid}/events", async (Guid id, LedgerReader ledger, CancellationToken cancellationToken) =>
        {
            var events = await ledger.StreamAsync(id, cancellationToken);
            return events.Count == 0 ? NoSuchApplication(id) : Results.Ok(events.Select(EventView.Of));
        });

        applications.MapGet("/{id:guid}/events/export", ExportHistory);
        return applications;
    }

    private static async Task<IResult> ExportHistory(Guid id, string? format, LedgerReader ledger, CancellationToken cancellationToken)
    {
        if (Exports.Parse(format) is not { } chosen)
        {
            return Exports.Invalid();
        }

        var events = await ledger.StreamAsync(id, cancellationToken);
        if (events.Count == 0)
        {
            return NoSuchApplication(id);
        }

        var views = events.Select(EventView.Of).ToList();
        return chosen == ExportFormat.Csv
            ? Results.File(SafeCsv.Write(EventView.CsvHeader, views.Select(v => v.CsvRow())), "text/csv; charset=utf-8", $"history-{id}.csv")
            : Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(views, Exports.Json), "application/json", $"history-{id}.json");
    }

    public static IResult NoSuchApplication(Guid id) =>
        Problems.NotFound(new($"账本中没有申报 {id} 的任何事件。", $"The ledger holds no event for application {id}."));
}
