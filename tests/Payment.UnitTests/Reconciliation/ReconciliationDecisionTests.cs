using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.Reconciliation;

namespace TitleReview.Payment.UnitTests.Reconciliation;

public sealed class ReconciliationDecisionTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateOnly Due = new(2023, 9, 15);
    private static readonly DateTimeOffset LastSecondOfDueDate = new(2023, 9, 15, 23, 59, 59, Beijing);
    private static readonly DateTimeOffset FirstSecondAfterDueDate = new(2023, 9, 16, 0, 0, 0, Beijing);

    private static FeeAccount Account(string reference, bool paid = false, bool lapsed = false, DateOnly? due = null) =>
        new() { Id = Guid.CreateVersion7(), PaymentReference = reference, Amount = 300.00m, DueDate = due ?? Due, Paid = paid, Lapsed = lapsed };

    private static StatementLine Line(int number, string reference, decimal amount = 300.00m, DateTimeOffset? paidAt = null) =>
        new(number, $"T{number}", reference, amount, paidAt ?? LastSecondOfDueDate, "bank");

    private static Reconciled Decide(IReadOnlyList<FeeAccount> accounts, params StatementLine[] lines) =>
        StatementReconciler.Decide(new StatementAccounts(accounts, [.. accounts.Where(a => !a.Paid && !a.Lapsed)]), lines);

    [Fact]
    public void The_assessed_amount_paid_at_235959_Beijing_on_the_due_date_matches_its_fee()
    {
        var account = Account("XS-1");
        var line = Line(1, "XS-1");

        Assert.Equal([new ClassifiedLine(line, LineCategory.Matched, account.Id, 300.00m)], Decide([account], line).Lines);
    }

    [Fact]
    public void An_unpaid_fee_paid_at_000000_Beijing_the_next_day_was_paid_after_the_lapse()
    {
        var account = Account("XS-1");
        var line = Line(1, "XS-1", paidAt: FirstSecondAfterDueDate);

        Assert.Equal([new ClassifiedLine(line, LineCategory.PaidAfterLapse, account.Id, 300.00m)], Decide([account], line).Lines);
    }

    [Fact]
    public void A_fee_already_paid_is_judged_by_amount_however_late_the_line()
    {
        // Finance recorded the payment already: the statement's line is that same payment, not a late one.
        var account = Account("XS-1", paid: true);

        Assert.Equal(LineCategory.Matched, Assert.Single(Decide([account], Line(1, "XS-1", paidAt: FirstSecondAfterDueDate)).Lines).Category);
    }

    [Theory]
    [InlineData("299.99")]
    [InlineData("300.01")]
    [InlineData("0")]
    [InlineData("-300")]
    [InlineData("79228162514264337593543950335")]
    public void An_amount_other_than_the_assessed_one_differs(string amount)
    {
        var line = Line(1, "XS-1", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(LineCategory.AmountDiffers, Assert.Single(Decide([Account("XS-1")], line).Lines).Category);
    }

    [Fact]
    public void Late_is_said_before_a_differing_amount()
    {
        var line = Line(1, "XS-1", 1m, FirstSecondAfterDueDate);

        Assert.Equal(LineCategory.PaidAfterLapse, Assert.Single(Decide([Account("XS-1")], line).Lines).Category);
    }

    [Fact]
    public void A_reference_no_fee_has_is_unknown_and_names_no_application()
    {
        var line = Line(1, "NOPE");

        Assert.Equal([new ClassifiedLine(line, LineCategory.UnknownReference, null, null)], Decide([Account("XS-1")], line).Lines);
    }

    [Fact]
    public void Every_later_line_of_a_reference_is_paid_twice_whatever_the_first_was()
    {
        var lines = Decide([Account("XS-1")], Line(1, "XS-1", 1m), Line(2, "XS-1"), Line(3, "XS-1", paidAt: FirstSecondAfterDueDate)).Lines;

        Assert.Equal([LineCategory.AmountDiffers, LineCategory.PaidTwice, LineCategory.PaidTwice], lines.Select(l => l.Category));
        Assert.Equal([1, 2, 3], lines.Select(l => l.Line.LineNumber));
    }

    [Fact]
    public void Unknown_lines_of_the_same_reference_stay_unknown_not_paid_twice()
    {
        var lines = Decide([], Line(1, "NOPE"), Line(2, "NOPE")).Lines;

        Assert.All(lines, l => Assert.Equal(LineCategory.UnknownReference, l.Category));
    }

    [Fact]
    public void Unpaid_fees_no_line_names_are_outstanding_by_due_date_and_named_ones_are_not()
    {
        var later = Account("XS-3", due: Due.AddDays(2));
        var earlier = Account("XS-2", due: Due.AddDays(-1));
        var named = Account("XS-1");
        var outcome = StatementReconciler.Decide(new StatementAccounts([named], [later, named, earlier]), [Line(1, "XS-1", 1m)]);

        Assert.Equal([
            new OutstandingAssessment(earlier.Id, "XS-2", 300.00m, Due.AddDays(-1), AssessmentCategory.AssessedUnpaid),
            new OutstandingAssessment(later.Id, "XS-3", 300.00m, Due.AddDays(2), AssessmentCategory.AssessedUnpaid),
        ], outcome.Outstanding);
    }

    [Fact]
    public void An_empty_statement_leaves_every_unpaid_fee_outstanding()
    {
        var outcome = Decide([Account("XS-1"), Account("XS-2", paid: true), Account("XS-3", lapsed: true)]);

        Assert.Empty(outcome.Lines);
        Assert.Equal(["XS-1"], outcome.Outstanding.Select(o => o.PaymentReference));
    }
}
