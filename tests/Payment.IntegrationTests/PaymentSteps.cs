using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.Lapse;
using TitleReview.Payment.Features.PaymentNotifications;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>
/// What the Payment tests do before and around Payment: an application Review approved (forged, and its FinalApproved
/// published as Review's relay would), the platform's signed notifications, the lapse job run at a business time.
/// </summary>
public sealed class PaymentSteps(PaymentFixture payment)
{
    /// <summary>10:00 Beijing on 2023-06-01, inside the 2023 cycle's window: when the fees of <see cref="AssessedAsync"/> are assessed.</summary>
    public static readonly DateTimeOffset InsideWindow = Applicants.InsideWindow;

    public sealed record Fee(Guid Id, string Reference, decimal Amount, DateOnly DueDate);

    public OverdueLapseJob LapseJob => payment.Host.Services.GetServices<IHostedService>().OfType<OverdueLapseJob>().Single();

    /// <summary>
    /// An engineer's application Intake submitted and Review finally approved at business time <paramref name="at"/>
    /// (inside the window by default), and the fee Payment assessed when Review's relay delivered FinalApproved.
    /// Leaves Payment's business time at <paramref name="at"/>.
    /// </summary>
    public async Task<Fee> AssessedAsync(string name, DateTimeOffset? at = null)
    {
        var when = at ?? InsideWindow;
        payment.SetBusinessTime(when);
        var id = await payment.Forger.AppendAsync(id =>
        [
            new(new ApplicationSubmitted(id, name, "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023", when)),
            new(new ReviewStarted(id, "reviewer-wang", when), By: "reviewer-wang"),
            new(new FinalApproved(id, "reviewer-wang", when), By: "reviewer-wang"),
        ]);
        var approved = new FinalApproved(id, "reviewer-wang", when);
        await payment.PublishAsync(approved, "AssessFeeOnFinalApproval");

        await using var query = payment.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var account = await query.LoadAsync<FeeAccount>(id) ?? throw new InvalidOperationException($"Payment assessed no fee for {id}.");
        return new Fee(id, account.PaymentReference, account.Amount, account.DueDate);
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
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/notifications") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(PlatformSigning.TimestampHeader, timestamp);
        request.Headers.Add(PlatformSigning.SignatureHeader, PlatformSigning.Sign(secret ?? ServiceHost<FeeAccount>.PlatformSecret, timestamp, body));
        using var anonymous = payment.Client();
        return await anonymous.SendAsync(request);
    }

    /// <summary>A Beijing wall-clock time on a business date, as an instant.</summary>
    public static DateTimeOffset BeijingTime(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), ChinaTime.Offset);
}
