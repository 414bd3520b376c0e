using System.Net;
using Marten;
using TitleReview.Payment.Features.AssessFee;
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

    [Fact]
    public async Task The_chart_adds_up_each_Beijing_day_in_PostgreSQL_with_the_fortnights_edges_where_they_belong()
    {
        // A fortnight in 2031, which no other test's business clock reaches, ending on 15 March (Beijing time).
        var today = new DateOnly(2031, 3, 15);
        var store = payment.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Store(
                Movement(FeeMovementKind.Paid, 50m, "2031-03-01T15:59:59Z"),       // Beijing 1 March 23:59:59: the day before the fortnight
                Movement(FeeMovementKind.Paid, 7m, "2031-03-01T16:00:00Z"),        // Beijing 2 March 00:00: its first day
                Movement(FeeMovementKind.Assessed, 100m, "2031-03-14T15:59:59Z"),  // Beijing 14 March, last second
                Movement(FeeMovementKind.Assessed, 0.01m, "2031-03-14T16:00:00Z"), // Beijing 15 March, first second
                Movement(FeeMovementKind.Assessed, 0.02m, "2031-03-15T01:00:00Z"),
                Movement(FeeMovementKind.Paid, 999_999.99m, "2031-03-15T15:59:59Z"));
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession();
        var days = await DailyTotals.ForAsync(query, today, 14, CancellationToken.None);

        Assert.Equal(14, days.Count);
        Assert.Equal((new DateOnly(2031, 3, 2), 0m, 7m), (days[0].Day, days[0].Assessed, days[0].Collected));
        Assert.Equal((new DateOnly(2031, 3, 14), 100m, 0m), (days[12].Day, days[12].Assessed, days[12].Collected));
        Assert.Equal((today, 0.03m, 999_999.99m), (days[13].Day, days[13].Assessed, days[13].Collected));
        Assert.All(days.Skip(1).Take(11), day => Assert.Equal((0m, 0m), (day.Assessed, day.Collected)));
    }

    private static FeeMovement Movement(FeeMovementKind kind, decimal amount, string at) => new()
    {
        Id = Guid.NewGuid(), Kind = kind, ApplicationId = Guid.NewGuid(), PaymentReference = $"CHART-{Guid.NewGuid():N}"[..20], Amount = amount,
        At = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task The_outstanding_fees_sort_by_amount_both_ways_on_real_data_and_a_wrong_order_is_refused()
    {
        // Amounts no real fee has, so whatever else the shared database holds, these two lead their orders.
        var smallest = new FeeAccount { Id = Guid.NewGuid(), PaymentReference = $"SORT-MIN-{Guid.NewGuid():N}", Amount = 0.01m, DueDate = new DateOnly(2023, 7, 1) };
        var largest = new FeeAccount { Id = Guid.NewGuid(), PaymentReference = $"SORT-MAX-{Guid.NewGuid():N}", Amount = 999_999.99m, DueDate = new DateOnly(2023, 7, 1) };
        var store = payment.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Store(smallest, largest);
            await session.SaveChangesAsync();
        }

        try
        {
            using var finance = payment.Client(Roles.Finance);
            Assert.Equal(largest.PaymentReference, await FirstOutstandingAsync(finance, "-amount"));
            Assert.Equal(smallest.PaymentReference, await FirstOutstandingAsync(finance, "amount"));

            using var wrong = await finance.GetAsync("/finance?os=name");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
            Assert.Contains("os 须为 due、amount 之一", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await using var session = store.LightweightSession();
            session.Delete(smallest);
            session.Delete(largest);
            await session.SaveChangesAsync();
        }
    }

    [Theory]
    [InlineData("op", "abc")]
    [InlineData("pp", "0")]
    [InlineData("lp", "-1")]
    [InlineData("rp", "50002")]
    [InlineData("fp", "2147483647")]
    [InlineData("sp", "1.5")]
    public async Task A_page_that_is_not_one_is_refused_naming_the_parameter_sent(string parameter, string value)
    {
        using var finance = payment.Client(Roles.Finance);
        using var refused = await finance.GetAsync($"/finance?{parameter}={value}");
        await PageNumberProblems.AssertNamesOnlyAsync(refused, parameter, "50,001");
    }

    [Fact]
    public async Task The_last_page_a_list_may_show_is_answered()
    {
        using var finance = payment.Client(Roles.Finance);
        using var last = await finance.GetAsync("/finance?rp=50001");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);

        // An empty page number is the first page, as on the publicity desk (Paging.Named); before 6b26781 it was a 400 here.
        using var empty = await finance.GetAsync("/finance?op=&pp=");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    /// <summary>The payment reference in the first row of the outstanding fees, in the given order.</summary>
    private static async Task<string> FirstOutstandingAsync(HttpClient finance, string order)
    {
        using var response = await finance.GetAsync($"/finance?os={order}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var table = html[html.IndexOf("id=\"outstanding-table\"", StringComparison.Ordinal)..];
        var row = table[table.IndexOf("<tbody>", StringComparison.Ordinal)..];
        var cell = row[(row.IndexOf("<td>", StringComparison.Ordinal) + 4)..];
        return cell[..cell.IndexOf("</td>", StringComparison.Ordinal)];
    }
}
