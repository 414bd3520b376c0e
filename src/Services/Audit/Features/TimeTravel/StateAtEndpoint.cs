using System.Globalization;
using Marten;
using TitleReview.Audit.Features.History;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Audit.Features.TimeTravel;

/// <summary>The application as it stood at a moment or after a version: a live fold of its events up to there.</summary>
public sealed record ApplicationStateView(
    Guid ApplicationId,
    DateTimeOffset? At,
    long? RequestedVersion,
    long Version,
    ApplicationStatus Status,
    string StatusChinese,
    string StatusEnglish,
    ApplicationLifecycle State);

public static class StateAtEndpoint
{
    public static RouteGroupBuilder MapStateAt(this RouteGroupBuilder applications)
    {
        applications.MapGet("/{id:guid}/state", StateAt);
        return applications;
    }

    private static async Task<IResult> StateAt(Guid id, string? at, long? version, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var moment = ParseMoment(at);
        if (at is not null && moment is null || version is < 1 || at is not null && version is not null)
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]>
            {
                ["at"] = [new("at 与 version 二选一：at 为带时区的时间（如 2023-06-01T10:00:00+08:00），version 为从 1 开始的整数。", "Give either at (a timestamp with offset) or version (from 1), not both.")],
            });
        }

        await using var query = sessions.Query();
        var state = await query.Events.AggregateStreamAsync<ApplicationLifecycle>(id, version: version ?? 0, timestamp: moment, token: cancellationToken);
        if (state is null)
        {
            return moment is null && version is null
                ? HistoryEndpoints.NoSuchApplication(id)
                : Problems.NotFound(new($"申报 {id} 在所给时间或版本之前没有任何事件。", $"Application {id} had no event by the given moment or version."));
        }

        if (version is not null && state.Version < version)
        {
            return Problems.NotFound(new($"申报 {id} 只有 {state.Version} 个版本。", $"Application {id} only has {state.Version} versions."));
        }

        return Results.Ok(new ApplicationStateView(id, moment, version, state.Version, state.Status, state.Status.Chinese(), state.Status.English(), state));
    }

    private static DateTimeOffset? ParseMoment(string? at) =>
        DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) ? moment : null;
}
