namespace TitleReview.Payment.Features.Reconciliation;

public enum LineCategory
{
    Matched,
    AmountDiffers,
    UnknownReference,
    PaidTwice,

    /// <summary>Paid after the due date (逾期) for a fee not paid in time: the money goes back.</summary>
    PaidAfterLapse,
}

public enum AssessmentCategory
{
    AssessedUnpaid,
}

public sealed record StatementLine(int LineNumber, string TransactionId, string PaymentReference, decimal Amount, DateTimeOffset PaidAt, string Channel);

public sealed record ClassifiedLine(StatementLine Line, LineCategory Category, Guid? ApplicationId, decimal? Assessed);

public sealed record OutstandingAssessment(Guid ApplicationId, string PaymentReference, decimal Amount, DateOnly DueDate, AssessmentCategory Category);

/// <summary>
/// One uploaded statement and what finance must act on. Keyed by the SHA-256 of the file, so uploading the same
/// statement again finds this report and changes nothing.
/// </summary>
public sealed class ReconciliationReport
{
    public string Id { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Encoding { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
    public int LineCount { get; set; }
    public List<ClassifiedLine> Lines { get; set; } = [];
    public List<OutstandingAssessment> Outstanding { get; set; } = [];
    public Dictionary<string, int> Counts { get; set; } = [];
}
