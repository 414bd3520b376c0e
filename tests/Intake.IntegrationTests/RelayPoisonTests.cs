using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TitleReview.EventStore;
using TitleReview.Intake.Features.Status;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// Rows written into the ledger behind the services' back (by hand, by a faulty tool, or left by an older build whose
/// event shape no longer reads): a type the catalog does not know, and an owned type whose data does not deserialize.
/// The relay must go past them: one row it cannot read may not stop every later submission from reaching review.
/// </summary>
public sealed class RelayPoisonTests
{
    [Fact]
    public async Task Rows_the_relay_cannot_read_do_not_stop_the_submissions_after_them()
    {
        await using var intake = await RelayingIntake.StartAsync();
        using (var first = await intake.Portal.PostAsJsonAsync("/api/applications", Applicants.DeclarationOnly("毒前", idNumber: Applicants.NewIdNumber())))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await intake.InReviewQueueAsync(1, "the first submission");

        // Level is a number in ApplicationSubmitted; a string there cannot be read back. The unknown type is what a
        // later build's event looks like to this one.
        var unreadable = await ForgeAsync(intake.Infrastructure, "application_submitted", """{"Level": "不是数字", "CycleId": 7}""",
            "TitleReview.Contracts.Events.ApplicationSubmitted, TitleReview.Contracts");
        await ForgeAsync(intake.Infrastructure, "no_such_event", """{"Anything": true}""", "TitleReview.Contracts.Events.NoSuchEvent, TitleReview.Contracts");
        Assert.Equal(HealthStatus.Healthy, (await SkipsAsync(intake.Host)).Entries[SkippedEventsHealthCheck.Name].Status);
        var forgedUpTo = await intake.Infrastructure.ScalarAsync("select max(seq_id) from ledger.mt_events");

        using (var second = await intake.Portal.PostAsJsonAsync("/api/applications", Applicants.DeclarationOnly("毒后", idNumber: Applicants.NewIdNumber())))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        await intake.InReviewQueueAsync(2, "the submission after the unreadable rows");
        Assert.True(await intake.Infrastructure.ScalarAsync("select last_seq_id from ledger.mt_event_progression where name = 'IntakeRelay:All'") > forgedUpTo,
            "the relay's progress went past the unreadable rows");
        // Skipped, not lost: Marten's dead-letter table holds the row it could not read, and health names it.
        Assert.Equal(1, await intake.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_doc_deadletterevent where (data->>'EventSequence')::bigint = @sequence", ("sequence", unreadable)));
        var skipped = (await SkipsAsync(intake.Host)).Entries[SkippedEventsHealthCheck.Name];
        Assert.Equal(HealthStatus.Degraded, skipped.Status);
        Assert.Contains($"跳过了 1 个未能处理的账本事件（IntakeRelay {unreadable}）", skipped.Description, StringComparison.Ordinal);
    }

    private static Task<HealthReport> SkipsAsync(ServiceHost<ApplicationFile> host) =>
        host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == SkippedEventsHealthCheck.Name);

    private static Task<long> ForgeAsync(TestInfrastructure infrastructure, string type, string data, string dotnetType) =>
        infrastructure.ScalarAsync(
            """
            with stream as (insert into ledger.mt_streams (id, type, version) values (@stream, null, 1) returning id)
            insert into ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type, headers)
            select nextval('ledger.mt_events_sequence'), @event, id, 1, @data::jsonb, @type, now(), @dotnet, '{"service": "Intake"}'::jsonb from stream
            returning seq_id
            """,
            ("stream", Guid.NewGuid()), ("event", Guid.NewGuid()), ("data", data), ("type", type), ("dotnet", dotnetType));
}
