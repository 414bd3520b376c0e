using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Payment.Features.FinanceDesk;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>
/// The desk's payments and chart read <see cref="FeeMovement"/>s, which Payment's daemon copies from the ledger's
/// FeeAssessed and FeePaid (no longer a scan of the event table per page): a fee assessed and paid through Payment
/// shows up there, with what the events say.
/// </summary>
[Collection(PaymentCollection.Name)]
public sealed class FinanceDeskTests(PaymentFixture payment)
{
    private readonly PaymentSteps steps = new(payment);

    [Fact]
    public async Task A_fee_assessed_and_paid_reaches_the_desks_payments_through_Payments_daemon()
    {
        var fee = await steps.AssessedAsync("财务台");
        using (var paid = await steps.NotifyAsync(PaymentSteps.Notification(fee)))
        {
            Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        }

        var store = payment.Host.Services.GetRequiredService<IDocumentStore>();
        var movements = await Eventually.ReturnsAsync(
            async () =>
            {
                await using var query = store.QuerySession();
                return await query.Query<FeeMovement>().Where(m => m.ApplicationId == fee.Id).ToListAsync();
            },
            found => found.Count == 2, TimeSpan.FromSeconds(60), "Payment's daemon to copy the fee's two events");
        var assessed = Assert.Single(movements, m => m.Kind == FeeMovementKind.Assessed);
        var collected = Assert.Single(movements, m => m.Kind == FeeMovementKind.Paid);
        Assert.Equal((fee.Amount, fee.Reference), (assessed.Amount, assessed.PaymentReference));
        Assert.Equal((fee.Amount, fee.Reference, "unionpay", PaymentSteps.InsideWindow), (collected.Amount, collected.PaymentReference, collected.Channel, collected.At));

        // The payment is listed on one of the desk's pages of payments.
        using var finance = payment.Client(Roles.Finance);
        var listed = false;
        for (var page = 1; page <= 50 && !listed; page++)
        {
            using var response = await finance.GetAsync($"/finance?pp={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var payments = html[html.IndexOf("id=\"payments\"", StringComparison.Ordinal)..html.IndexOf("id=\"lapses\"", StringComparison.Ordinal)];
            listed = payments.Contains(fee.Reference, StringComparison.Ordinal);
        }

        Assert.True(listed, $"{fee.Reference} is on no page of the desk's payments.");
    }
}
