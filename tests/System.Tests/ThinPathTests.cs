using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.Testing;

namespace TitleReview.SystemTests;

[Collection(SystemCollection.Name)]
public sealed class ThinPathTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task An_application_travels_from_submission_to_certificate_across_all_five_services()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync();
        await journey.WaitUntilQueuedForReviewAsync(id);

        await journey.ApproveAsync(id);
        await journey.PublishAsync(id);
        var assessed = await Eventually.ReturnsAsync<JsonElement?>(async () => await journey.StatusAsync(id),
            s => s!.Value.GetProperty("fee").ValueKind == JsonValueKind.Object && s.Value.GetProperty("publicity").ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(60), "fee assessment and publication");
        Assert.Equal("2023-06-01", assessed!.Value.GetProperty("publicity").GetProperty("start").GetString());
        Assert.Equal("2023-06-07", assessed.Value.GetProperty("publicity").GetProperty("end").GetString());
        await journey.PayAsync(assessed.Value);

        // The committee may not decide while the publicity runs.
        using (var early = await journey.DecideAsync(id, meetingDate: "2023-06-01"))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        // The day after the 5th working day (2023-06-07) the completion job completes the publicity.
        await system.SetBusinessTimeAsync(new DateTimeOffset(2023, 6, 8, 2, 0, 0, TimeSpan.Zero));
        await journey.StatusBecomesAsync(id, "AwaitingCommittee");

        // Five of nine members present is below the 2/3 quorum: an invalid meeting cannot decide.
        using (var inquorate = await journey.DecideAsync(id, present: 5, votesFor: 5))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, inquorate.StatusCode);
        }

        using (var decided = await journey.DecideAsync(id))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        var final = await journey.StatusBecomesAsync(id, "CertificateIssued");
        Assert.Equal("已发放职称电子证书", final.GetProperty("statusText").GetProperty("zh").GetString());
        Assert.Equal("Electronic title certificate issued", final.GetProperty("statusText").GetProperty("en").GetString());
        Assert.Matches(@"^XSGC-2023-Z-\d{5}$", final.GetProperty("certificateNumber").GetString());

        var types = await system.Infrastructure.EventTypesAsync(id);
        Assert.Equal("application_submitted", types[0]);
        // The reviewer claims before approving: only the claimant may approve.
        Assert.Equal(["review_started", "final_approved"], types.Skip(1).Take(2));
        Assert.Equal(["committee_decided", "certificate_issued"], types.TakeLast(2));
        // Publicity and payment run side by side: their events may interleave, each pair in its own order.
        var middle = types.Skip(3).Take(types.Count - 5).ToList();
        Assert.Equal(new[] { "fee_assessed", "fee_paid", "publicity_completed", "published" }, middle.Order(StringComparer.Ordinal));
        Assert.True(middle.IndexOf("published") < middle.IndexOf("publicity_completed"));
        Assert.True(middle.IndexOf("fee_assessed") < middle.IndexOf("fee_paid"));

        using var certificate = await system.CertificateApi.GetAsync($"/api/certificates/by-application/{id}");
        var issued = await certificate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(final.GetProperty("certificateNumber").GetString(), issued.GetProperty("number").GetString());
        Assert.Equal("无锡市锡山区工程技术中级专业技术资格评审委员会", issued.GetProperty("committeeName").GetString());
    }

    [Fact]
    public async Task Every_event_records_who_acted_and_because_of_which_message()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("李四");
        await journey.WaitUntilQueuedForReviewAsync(id);
        await journey.ApproveAsync(id);
        await Eventually.ReturnsAsync<long?>(
            () => system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'fee_assessed'", ("id", id)).ContinueWith(t => (long?)t.Result, TaskScheduler.Default),
            count => count == 1, TimeSpan.FromSeconds(60), "fee assessment");

        // FeeAssessed was appended by Payment because of the FinalApproved message: its causation is that event's id.
        var assessedBecauseOfApproval = await system.Infrastructure.ScalarAsync(
            """
            select count(*) from ledger.mt_events f join ledger.mt_events a on a.stream_id = f.stream_id and a.type = 'final_approved'
            where f.stream_id = @id and f.type = 'fee_assessed' and f.causation_id = a.id::text
              and f.headers->>'service' = 'Payment' and f.headers->>'user-id' = 'system:payment' and f.correlation_id is not null
            """, ("id", id));
        Assert.Equal(1, assessedBecauseOfApproval);
        var approvalByRequest = await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'final_approved' and headers->>'service' = 'Review' and headers ? 'user-role'", ("id", id));
        Assert.Equal(1, approvalByRequest);
    }

    [Fact]
    public async Task A_request_correlation_id_is_stamped_on_the_events_it_writes()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var correlation = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(Journey.Application("钱七")) };
        request.Headers.Add("X-Correlation-Id", correlation);

        using var response = await system.IntakeApi.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where correlation_id = @c and type = 'application_submitted' and user_name = 'dev-portal' and headers->>'user-role' = 'portal'", ("c", correlation)));
    }
}
