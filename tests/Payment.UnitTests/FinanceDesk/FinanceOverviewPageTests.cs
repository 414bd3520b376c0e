using System.Text.RegularExpressions;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.FinanceDesk;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Payment.Features.RecordPayment;

namespace TitleReview.Payment.UnitTests.FinanceDesk;

/// <summary>The finance overview as rendered: the chart with nothing assessed, money, the refund's confirmation, a page past a list's end.</summary>
public sealed partial class FinanceOverviewPageTests
{
    private static readonly DateOnly Today = new(2023, 6, 30);

    [Fact]
    public async Task With_nothing_assessed_the_charts_axis_reads_0_to_4_and_every_list_says_what_comes_there()
    {
        var html = await RenderAsync(Overview());

        // The old hand-written chart read 1, 1, 1, 0, 0 here.
        Assert.Equal(["0", "1", "2", "3", "4"], AxisLabel().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("核定 ¥0.00，实收 ¥0.00", html);
        Assert.Contains("没有待缴的评审费。", html);
        Assert.Contains("尚无到账记录。", html);
        Assert.Contains("没有待退的款项。", html);
        Assert.Contains("尚未上传对账单。", html);
        Assert.DoesNotContain("<table", html);
    }

    [Fact]
    public async Task Money_reads_in_yuan_with_two_decimals_and_a_refund_asks_once_more()
    {
        var due = new PaymentNotification
        {
            Id = "N-<b>1</b>", PaymentReference = "XSGC2023-AAAA0001", Amount = 1234.5m, Outcome = PaymentOutcome.PaidTwice,
            ApplicationId = Guid.NewGuid(), PaidAt = DateTimeOffset.Parse("2023-06-29T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        };
        var owed = new FeeAccount { Id = Guid.NewGuid(), PaymentReference = "XSGC2023-AAAA0002", Amount = 300m, DueDate = Today.AddDays(-1) };
        var html = await RenderAsync(Overview() with
        {
            Outstanding = new([owed], 1, 1),
            RefundsDue = new([due], 1, 1),
        });

        Assert.Contains("¥1,234.50", html);
        Assert.Contains("¥300.00", html);
        Assert.Contains("已逾期", html);
        Assert.Contains("确认退费", html);
        Assert.Contains("不能撤销", html);
        // The notification's id is data: encoded in the cell and in the form's hidden field.
        Assert.DoesNotContain("<b>1</b>", html);
        Assert.Contains("N-&lt;b&gt;1&lt;/b&gt;", html);
    }

    [Fact]
    public async Task A_page_past_the_end_of_a_list_says_so_and_links_to_its_last_page()
    {
        var html = await RenderAsync(Overview() with { Outstanding = new([], 5, 25) });

        Assert.Contains("第 5 页没有记录：共 25 条，2 页。", html);
        Assert.Contains("href=\"/finance?op=2#outstanding\"", html);
        Assert.DoesNotContain("id=\"outstanding-table\"", html);
        Assert.DoesNotContain("没有待缴的评审费。", html);
    }

    [Fact]
    public async Task The_outstanding_fees_sort_by_due_date_by_default_and_each_header_links_to_its_own_order()
    {
        var owed = new FeeAccount { Id = Guid.NewGuid(), PaymentReference = "XSGC2023-AAAA0003", Amount = 300m, DueDate = Today.AddDays(3) };
        var lapsed = new FeeAccount { Id = Guid.NewGuid(), PaymentReference = "XSGC2023-AAAA0004", Amount = 300m, DueDate = Today.AddDays(-30), Lapsed = true };
        var model = Overview() with { Outstanding = new([owed], 1, 45), Lapses = new([lapsed], 1, 1) };

        var html = await RenderAsync(model);
        Assert.Contains("<th scope=\"col\" aria-sort=\"ascending\"><a href=\"/finance?op=1&amp;os=-due#outstanding\">缴费截止 ▲</a></th>", html);
        Assert.Contains("<a href=\"/finance?op=1&amp;os=amount#outstanding\">应缴金额</a>", html);
        Assert.Contains("href=\"/finance?op=2#outstanding\"", html);
        // The lapses list keeps its own order (latest due date first): its headers neither sort nor claim an order.
        var lapses = html[html.IndexOf("id=\"lapses-table\"", StringComparison.Ordinal)..];
        lapses = lapses[..lapses.IndexOf("</thead>", StringComparison.Ordinal)];
        Assert.Contains("<th scope=\"col\" class=\"num\">应缴金额</th><th scope=\"col\">缴费截止</th>", lapses);
        Assert.DoesNotContain("aria-sort", lapses);
        Assert.DoesNotContain("os=", lapses);

        // Sorted by amount, largest first: that header says so and turns it round, and the pages keep the order.
        var byAmount = await RenderAsync(model, new OutstandingOrder(OutstandingSort.Amount, Descending: true));
        Assert.Contains("<th scope=\"col\" aria-sort=\"descending\"><a href=\"/finance?op=1&amp;os=amount#outstanding\">应缴金额 ▼</a></th>", byAmount);
        Assert.Contains("<a href=\"/finance?op=1#outstanding\">缴费截止</a>", byAmount);
        Assert.Contains("href=\"/finance?op=2&amp;os=-amount#outstanding\"", byAmount);
    }

    [Theory]
    [InlineData(null, OutstandingSort.Due, false)]
    [InlineData("", OutstandingSort.Due, false)]
    [InlineData("due", OutstandingSort.Due, false)]
    [InlineData("-due", OutstandingSort.Due, true)]
    [InlineData("AMOUNT", OutstandingSort.Amount, false)]
    [InlineData("-amount", OutstandingSort.Amount, true)]
    public void An_order_reads_from_the_query(string? value, OutstandingSort sort, bool descending)
    {
        Assert.True(OutstandingOrder.TryParse(value, out var order));
        Assert.Equal(new OutstandingOrder(sort, descending), order);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("--due")]
    [InlineData("1")]
    [InlineData("Due,Amount")]
    [InlineData("name")]
    public void Anything_else_is_no_order(string value) => Assert.False(OutstandingOrder.TryParse(value, out _));

    private static FinanceOverview Overview() => new(
        Today,
        [.. Enumerable.Range(0, FinanceOverviewReader.ChartDays).Select(i => new DailyTotal(Today.AddDays(i - FinanceOverviewReader.ChartDays + 1), 0m, 0m))],
        new([], 1, 0), new([], 1, 0), new([], 1, 0), new([], 1, 0), new([], 1, 0), new([], 1, 0));

    private static Task<string> RenderAsync(FinanceOverview model, OutstandingOrder? order = null) =>
        RenderPage.HtmlAsync<FinanceOverviewPage>(new()
        {
            [nameof(FinanceOverviewPage.Model)] = model,
            [nameof(FinanceOverviewPage.Order)] = order ?? OutstandingOrder.Default,
        });

    [GeneratedRegex("<text[^>]*text-anchor=\"end\"[^>]*>([^<]*)</text>")]
    private static partial Regex AxisLabel();
}
