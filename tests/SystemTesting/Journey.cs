using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Testing;

namespace TitleReview.SystemTesting;

/// <summary>The steps people take through the system, over HTTP, shared by the end-to-end tests.</summary>
public sealed class Journey(SystemFixture system)
{
    public static JsonSerializerOptions Json => TestJson.Web;

    public static readonly DateTimeOffset InsideWindow = Applicants.InsideWindow;

    public static string NewIdNumber() => Applicants.NewIdNumber();

    public static object Application(string name = "张三", string level = "Engineer", string? idNumber = null) =>
        Applicants.DeclarationOnly(name, level, idNumber);

    public async Task<Guid> SubmitAsync(string name = "张三", string? idNumber = null)
    {
        using var response = await system.IntakeApi.PostAsJsonAsync("/api/applications", Application(name, idNumber: idNumber));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetGuid();
    }

    public static DateOnly InsideWindowDay => Applicants.InsideWindowDay;

    /// <summary>A complete (schema v2) example application for a fresh person, its files uploaded by the portal first.</summary>
    public async Task<TitleReview.Intake.Features.SubmitApplication.SubmitApplicationRequest> CompleteApplicationAsync(string name) =>
        TitleReview.Intake.Features.SubmitApplication.ExampleApplication.Create(InsideWindowDay, await TestFiles.UploadExampleAsync(system.IntakeApi, name), NewIdNumber(), name);

    /// <summary>Submits a complete application inside the window and returns its id and what was sent.</summary>
    public async Task<(Guid Id, TitleReview.Intake.Features.SubmitApplication.SubmitApplicationRequest Request)> SubmitCompleteAsync(string name)
    {
        await system.SetBusinessTimeAsync(InsideWindow);
        var request = await CompleteApplicationAsync(name);
        using var created = await system.IntakeApi.PostAsJsonAsync("/api/applications", request, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), request);
    }

    public async Task<JsonElement> StatusAsync(Guid id)
    {
        using var response = await system.IntakeApi.GetAsync($"/api/applications/{id}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> StatusBecomesAsync(Guid id, string status, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync<JsonElement?>(async () => await StatusAsync(id), s => s!.Value.GetProperty("status").GetString() == status,
            timeout ?? TimeSpan.FromSeconds(60), $"application {id} to reach {status}").ContinueWith(t => t.Result!.Value, TaskScheduler.Default);

    public async Task WaitUntilQueuedForReviewAsync(Guid id, TimeSpan? timeout = null) =>
        await Eventually.ReturnsAsync<HttpStatusCode?>(async () =>
        {
            using var response = await system.ReviewApi.GetAsync($"/api/review/queue/{id}");
            return response.StatusCode;
        }, status => status == HttpStatusCode.OK, timeout ?? TimeSpan.FromSeconds(60), $"application {id} in the review queue");

    /// <summary>The reviewer client claims the file (only the claimant may approve) and approves it as itself.</summary>
    public async Task ApproveAsync(Guid id)
    {
        using (var claimed = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }

        using var response = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The publicity officer publishes the next notice once the approval has reached Publicity.</summary>
    public async Task PublishAsync(Guid id)
    {
        await Eventually.ReturnsAsync<JsonElement?>(
            async () => await system.PublicityApi.GetFromJsonAsync<JsonElement>("/api/publicity/pending"),
            pending => pending!.Value.EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == id),
            TimeSpan.FromSeconds(60), $"application {id} pending publicity");
        using var response = await system.PublicityApi.PostAsync("/api/publicity/notices", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<Guid> ApprovedAndPublishedAsync(string name, string? idNumber = null)
    {
        var id = await SubmitAsync(name, idNumber);
        await WaitUntilQueuedForReviewAsync(id);
        await ApproveAsync(id);
        await PublishAsync(id);
        await StatusBecomesAsync(id, "InPublicity");
        return id;
    }

    /// <summary>
    /// Applications that passed review, publicity (business time moved past its end) and payment: on the committee's
    /// agenda. Prepared together, so one notice and one clock move serve them all.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AwaitingCommitteeAsync(params (string Name, string IdNumber)[] applicants)
    {
        await system.SetBusinessTimeAsync(InsideWindow);
        var ids = new List<Guid>();
        foreach (var (name, idNumber) in applicants)
        {
            ids.Add(await SubmitAsync(name, idNumber));
        }

        await OntoCommitteeAgendaAsync(ids);
        return ids;
    }

    /// <summary>Submitted applications through review, one notice, payment and the end of publicity (business time moved).</summary>
    public async Task OntoCommitteeAgendaAsync(IReadOnlyList<Guid> ids)
    {
        foreach (var id in ids)
        {
            await WaitUntilQueuedForReviewAsync(id);
            await ApproveAsync(id);
        }

        await PublishAsync(ids[^1]);
        foreach (var id in ids)
        {
            var assessed = await Eventually.ReturnsAsync<JsonElement?>(async () => await StatusAsync(id),
                s => s!.Value.GetProperty("fee").ValueKind == JsonValueKind.Object && s.Value.GetProperty("publicity").ValueKind == JsonValueKind.Object,
                TimeSpan.FromSeconds(60), "fee assessment and publication");
            await PayAsync(assessed!.Value);
        }

        await system.SetBusinessTimeAsync(new DateTimeOffset(2023, 6, 8, 2, 0, 0, TimeSpan.Zero));
        foreach (var id in ids)
        {
            await StatusBecomesAsync(id, "AwaitingCommittee");
        }
    }

    /// <summary>The whole path to a certificate, moving business time past the publicity period on the way.</summary>
    public async Task<(Guid Id, string CertificateNumber)> CertifiedAsync(string name, string idNumber) =>
        await CertifiedAsync((await AwaitingCommitteeAsync((name, idNumber)))[0], alreadyOnAgenda: true);

    /// <summary>An application already submitted (any schema) taken to its certificate.</summary>
    public async Task<(Guid Id, string CertificateNumber)> CertifiedAsync(Guid id, bool alreadyOnAgenda = false)
    {
        if (!alreadyOnAgenda)
        {
            await OntoCommitteeAgendaAsync([id]);
        }

        using (var decided = await DecideAsync(id))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        var issued = await StatusBecomesAsync(id, "CertificateIssued");
        return (id, issued.GetProperty("certificateNumber").GetString()!);
    }

    public async Task PayAsync(JsonElement status)
    {
        var fee = status.GetProperty("fee");
        using var response = await system.PaymentApi.PostAsJsonAsync("/api/payments", new
        {
            paymentReference = fee.GetProperty("paymentReference").GetString(),
            amount = fee.GetProperty("amount").GetDecimal(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<HttpResponseMessage> DecideAsync(Guid id, int present = 7, int votesFor = 6, string meetingDate = "2023-06-08") =>
        await system.CommitteeApi.PostAsJsonAsync("/api/committee/decisions", new
        {
            applicationId = id,
            meetingDate,
            membersTotal = 9,
            membersPresent = present,
            votesFor,
            votesAgainst = present - votesFor,
            abstentions = 0,
        });

    public sealed record Fee(string Reference, decimal Amount, DateOnly DueDate);

    /// <summary>Submitted and approved, with the fee Payment assessed for it.</summary>
    public async Task<(Guid Id, Fee Fee)> AssessedAsync(string name)
    {
        await system.SetBusinessTimeAsync(InsideWindow);
        var id = await SubmitAsync(name);
        await WaitUntilQueuedForReviewAsync(id);
        await ApproveAsync(id);
        var status = await Eventually.ReturnsAsync<JsonElement?>(async () => await StatusAsync(id),
            s => s!.Value.GetProperty("fee").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60), "fee assessment");
        var fee = status!.Value.GetProperty("fee");
        return (id, new Fee(fee.GetProperty("paymentReference").GetString()!, fee.GetProperty("amount").GetDecimal(),
            DateOnly.Parse(fee.GetProperty("dueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A platform notification; paid by default at the business moment the fees of <see cref="AssessedAsync"/> are assessed.</summary>
    public static object Notification(Fee fee, decimal? amount = null, string? id = null, DateTimeOffset? paidAt = null) => new
    {
        notificationId = id ?? $"N-{fee.Reference}-{amount ?? fee.Amount}",
        paymentReference = fee.Reference,
        amount = amount ?? fee.Amount,
        paidAt = paidAt ?? InsideWindow,
        channel = "unionpay",
    };

    /// <summary>A notification signed as the payment platform signs it (or with another secret, or at another time).</summary>
    public async Task<HttpResponseMessage> NotifyAsync(object notification, string? secret = null, DateTimeOffset? signedAt = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(notification);
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/notifications") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(PlatformSigning.TimestampHeader, timestamp);
        request.Headers.Add(PlatformSigning.SignatureHeader, PlatformSigning.Sign(secret ?? ServiceHost<FeeAccount>.PlatformSecret, timestamp, body));
        using var anonymous = system.NewPaymentClient();
        return await anonymous.SendAsync(request);
    }
}
