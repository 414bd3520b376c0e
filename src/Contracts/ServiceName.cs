namespace TitleReview.Contracts;

/// <summary>The services of the system. Audit reads the ledger and owns no events.</summary>
public enum ServiceName
{
    Intake,
    Review,
    Publicity,
    Payment,
    Certificate,
    Audit,
}
