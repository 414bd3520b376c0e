using Marten;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.RecordPayment;

namespace TitleReview.Payment.Features.Reconciliation;

/// <summary>What a statement is reconciled against: the fee accounts its references name, and every unpaid, unlapsed one.</summary>
public sealed record StatementAccounts(IReadOnlyList<FeeAccount> Referenced, IReadOnlyList<FeeAccount> Unpaid);

/// <summary>Every statement line classified, in the statement's order, and the assessments no line paid, by due date.</summary>
public sealed record Reconciled(List<ClassifiedLine> Lines, List<OutstandingAssessment> Outstanding);

/// <summary>
/// Classifies every statement line and every assessment. Reads only Payment's own fee accounts (two queries, whatever
/// the statement's size); it reports differences and changes no fee: acting on them is finance's decision. A line is
/// late by its own paid time against the due date (notice 五), whether or not the lapse job has run yet: money paid
/// by the due date for a fee that lapsed meanwhile is a match that finance records (POST /api/payments with paidAt).
/// </summary>
public static class StatementReconciler
{
    public static async Task<Reconciled> ClassifyAsync(IQuerySession session, IReadOnlyList<StatementLine> lines, CancellationToken cancellationToken)
    {
        var references = lines.Select(l => l.PaymentReference).Distinct().ToArray();
        var referenced = await session.Query<FeeAccount>().Where(a => a.PaymentReference.IsOneOf(references)).ToListAsync(cancellationToken);
        var unpaid = await session.Query<FeeAccount>().Where(a => !a.Paid && !a.Lapsed).ToListAsync(cancellationToken);
        return Decide(new StatementAccounts(referenced, unpaid), lines);
    }

    /// <summary>
    /// The first line of a reference is judged against its fee (late for an unpaid fee by its Beijing paid date, then by
    /// amount); any later line of the same reference is PaidTwice; a reference with no fee is UnknownReference. An
    /// unpaid, unlapsed fee no line names is outstanding. A report, not a verdict: it can refuse nothing, so it returns
    /// the classification itself rather than a Decision.
    /// </summary>
    public static Reconciled Decide(StatementAccounts accounts, IReadOnlyList<StatementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(lines);
        var byReference = accounts.Referenced.ToDictionary(a => a.PaymentReference);
        var seen = new HashSet<string>();
        var classified = new List<ClassifiedLine>(lines.Count);
        foreach (var line in lines)
        {
            if (!byReference.TryGetValue(line.PaymentReference, out var account))
            {
                classified.Add(new ClassifiedLine(line, LineCategory.UnknownReference, null, null));
                continue;
            }

            var category = !seen.Add(line.PaymentReference) ? LineCategory.PaidTwice
                : !account.Paid && !PaymentJudgement.PaidInTime(line.PaidAt, account.DueDate) ? LineCategory.PaidAfterLapse
                : line.Amount != account.Amount ? LineCategory.AmountDiffers
                : LineCategory.Matched;
            classified.Add(new ClassifiedLine(line, category, account.Id, account.Amount));
        }

        var outstanding = accounts.Unpaid
            .Where(a => !seen.Contains(a.PaymentReference))
            .OrderBy(a => a.DueDate)
            .Select(a => new OutstandingAssessment(a.Id, a.PaymentReference, a.Amount, a.DueDate, AssessmentCategory.AssessedUnpaid))
            .ToList();
        return new Reconciled(classified, outstanding);
    }
}
