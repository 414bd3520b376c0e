using Marten;
using Npgsql;
using NpgsqlTypes;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Bench.Audit;

/// <summary>
/// Writes applications that went all the way to a certificate (with one revision round each), phase by phase across
/// all applications, so one stream's events are spread over the whole table as they are in production. Every
/// hundredth application pays a wrong amount, so the verifier has something to find. Data goes through Marten's own
/// serializer and COPY, the fastest honest way to a million events.
/// </summary>
public static class SyntheticLedger
{
    private static readonly DateTimeOffset At = new(2023, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly PublicityStart = new(2023, 6, 5);
    private static readonly DateOnly PublicityEnd = WorkingDayCalendar.Official.EndOfPeriod(PublicityStart, 5);

    public static async Task<(long Events, int Broken)> WriteAsync(NpgsqlDataSource dataSource, IDocumentStore store, int applications)
    {
        var ids = Enumerable.Range(0, applications).Select(_ => Guid.CreateVersion7()).ToArray();
        var serializer = store.Options.Serializer();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var streams = await connection.BeginBinaryImportAsync("copy ledger.mt_streams (id, version, timestamp, created) from stdin (format binary)"))
        {
            foreach (var id in ids)
            {
                await streams.StartRowAsync();
                await streams.WriteAsync(id, NpgsqlDbType.Uuid);
                await streams.WriteAsync((long)Phases.Length, NpgsqlDbType.Bigint);
                await streams.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                await streams.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }

            await streams.CompleteAsync();
        }

        var sequence = 0L;
        var broken = 0;
        await using (var events = await connection.BeginBinaryImportAsync(
            "copy ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, headers, correlation_id, user_name) from stdin (format binary)"))
        {
            for (var phase = 0; phase < Phases.Length; phase++)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    var @event = Phases[phase](ids[i]);
                    if (@event is FeePaid && i % 100 == 0)
                    {
                        @event = new FeePaid(ids[i], 1.00m, Reference(ids[i]), "platform", At.AddDays(5));
                        broken++;
                    }

                    var definition = EventCatalog.For(@event.GetType());
                    await events.StartRowAsync();
                    await events.WriteAsync(++sequence, NpgsqlDbType.Bigint);
                    await events.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await events.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                    await events.WriteAsync((long)phase + 1, NpgsqlDbType.Bigint);
                    await events.WriteAsync(serializer.ToJson(@event), NpgsqlDbType.Jsonb);
                    await events.WriteAsync(definition.StoredName, NpgsqlDbType.Varchar);
                    await events.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                    await events.WriteAsync($"{{\"service\":\"{definition.Owner}\",\"user-id\":\"bench\",\"user-role\":\"bench\"}}", NpgsqlDbType.Jsonb);
                    await events.WriteAsync($"bench-{i}", NpgsqlDbType.Varchar);
                    await events.WriteAsync("bench", NpgsqlDbType.Varchar);
                }
            }

            await events.CompleteAsync();
        }

        await using var setval = new NpgsqlCommand($"select setval('ledger.mt_events_sequence', {sequence})", connection);
        await setval.ExecuteNonQueryAsync();
        return (sequence, broken);
    }

    private static string Reference(Guid id) => $"XSGC2023-{id.ToString("N")[^8..]}";

    private static readonly Func<Guid, IApplicationEvent>[] Phases =
    [
        id => new ApplicationSubmitted(id, "申报人", "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023", At),
        id => new ReviewStarted(id, "reviewer", At.AddHours(2)),
        id => new RevisionRequested(id, [new ModuleComment("业绩", "请补充证明材料")], At.AddHours(3)),
        id => new ApplicationResubmitted(id, ["业绩"], At.AddDays(1)),
        id => new ReviewStarted(id, "reviewer", At.AddDays(1).AddHours(2)),
        id => new FinalApproved(id, "reviewer", At.AddDays(2)),
        id => new Published(id, Guid.Empty, PublicityStart, PublicityEnd, 5, WorkingDayCalendar.Official.Version, At.AddDays(4)),
        id => new FeeAssessed(id, 300.00m, Reference(id), new DateOnly(2023, 6, 16), At.AddDays(4)),
        id => new FeePaid(id, 300.00m, Reference(id), "platform", At.AddDays(5)),
        id => new PublicityCompleted(id, Guid.Empty, PublicityEnd.AddDays(1), At.AddDays(10)),
        id => new CommitteeDecided(id, Guid.Empty, new DateOnly(2023, 9, 1), 9, 7, 6, 1, 0, true, At.AddDays(90)),
    ];
}
