using Marten;
using TitleReview.Payment.Features.AssessFee;

namespace TitleReview.Payment.Features.Reconciliation;

/// <summary>
/// Classifies every statement line and every assessment. Reads only Payment's own fee accounts (two queries, whatever
/// the statement's size); it reports differences and changes no fee: acting on them is finance's decision. A line is
/// late by its own paid time against the due date (notice 五), whether or not the lapse job has run yet: money paid
/// by the due date for a fee that lapsed meanwhile is a match that finance records (POST /api/payments with paidAt).
/// </summary>
public static class StatementReconciler
{
    public static async Task<(List<ClassifiedLine> Lines, List<OutstandingAssessment> Outstanding)> ClassifyAsync(
        IQuerySession session, IReadOnlyList<StatementLine> lines, CancellationToken cancellationToken)
    {
        var references = lines.Select(l => l.PaymentReference).Distinct().ToArray();
        var accounts = (await session.Query<FeeAccount>().Where(a => a.PaymentReference.IsOneOf(references)).ToListAsync(cancellationToken))
            .ToDictionary(a => a.PaymentReference);

        var seen = new HashSet<string>();
        var classified = new List<ClassifiedLine>(lines.Count);
        foreach (var line in lines)
        {
            if (!accounts.TryGetValue(line.PaymentReference, out var account))
            {
                classified.Add(new ClassifiedLine(line, LineCategory.UnknownReference, null, null));
                continue;
            }

            var category = !seen.Add(line.PaymentReference) ? LineCategory.PaidTwice
                : !account.Paid && !RecordPayment.PaymentJudgement.PaidInTime(line.PaidAt, account.DueDate) ? LineCategory.PaidAfterLapse
                : line.Amount != account.Amount ? LineCategory.AmountDiffers
                : LineCategory.Matched;
            classified.Add(new ClassifiedLine(line, category, account.Id, account.Amount));
        }

        var unpaid = await session.Query<FeeAccount>().Where(a => !a.Paid && !a.Lapsed).ToListAsync(cancellationToken);
        var outstanding = unpaid
            .Where(a => !seen.Contains(a.PaymentReference))
            .OrderBy(a => a.DueDate)
            .Select(a => new OutstandingAssessment(a.Id, a.PaymentReference, a.Amount, a.DueDate, AssessmentCategory.AssessedUnpaid))
            .ToList();
        return (classified, outstanding);
    }
}
