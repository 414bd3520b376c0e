using JasperFx.Events.Projections;
using Marten;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.PaymentNotifications;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>
/// The finance desk's lists: each is the few unpaid, lapsed or refundable rows among 10^5, and each was found, and
/// counted, by reading every fee account or notification. Partial indexes hold just those rows, in the list's order;
/// their conditions are the filters Marten writes for the desk's queries (<c>!a.Paid &amp;&amp; !a.Lapsed</c> and so
/// on), which is what lets PostgreSQL use them, spelled as PostgreSQL prints them back, so that start-up finds them
/// unchanged instead of rebuilding them. No new columns: the tables are not rewritten. Payments and the chart read
/// <see cref="FeeMovement"/>s.
/// </summary>
public static class FinanceIndexes
{
    public const string Outstanding = "((((data ->> 'Paid'::text) IS NULL) OR (((data ->> 'Paid'::text))::boolean = false)) AND (((data ->> 'Lapsed'::text) IS NULL) OR (((data ->> 'Lapsed'::text))::boolean = false)))";

    public const string LapsedUnpaid = "(((data ->> 'Lapsed'::text) IS NOT NULL) AND (((data ->> 'Lapsed'::text))::boolean = true) AND (((data ->> 'Paid'::text) IS NULL) OR (((data ->> 'Paid'::text))::boolean = false)))";

    public const string Refunded = "((data ->> 'RefundedAt'::text) IS NOT NULL)";

    public static void Register(StoreOptions documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        documents.Schema.For<FeeAccount>()
            .Index(a => a.DueDate, index => (index.Name, index.Predicate) = ("mt_doc_feeaccount_idx_outstanding_due_date", Outstanding))
            .Index(a => a.DueDate, index => (index.Name, index.Predicate) = ("mt_doc_feeaccount_idx_lapsed_due_date", LapsedUnpaid));
        documents.Schema.For<PaymentNotification>()
            // Refunds due: the notifications whose outcome sends money back, a few among the matched payments.
            .Index(n => n.Outcome)
            .Index(n => n.RefundedAt, index => index.Predicate = Refunded);

        documents.Schema.For<FeeMovement>()
            // The chart's fortnight is a range of this one.
            .Duplicate(m => m.At)
            .Duplicate(m => m.Kind)
            // Payments newest first (read backwards) and their count, from this index alone at any depth.
            .Index([m => m.Kind, m => m.At], index => index.IncludeColumns = ["id"]);
        documents.Projections.Add(new FeeMovementProjection(), ProjectionLifecycle.Async);
    }
}
