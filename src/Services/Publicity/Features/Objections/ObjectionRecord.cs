namespace TitleReview.Publicity.Features.Objections;

public enum ObjectionStatus
{
    Open,
    Dismissed,
    Upheld,
}

/// <summary>
/// An objection (异议) with the objector's contact details. The contact stays in Publicity's own schema: the
/// shared ledger records only that an objection was lodged and what it concerns.
/// </summary>
public sealed class ObjectionRecord
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid NoticeId { get; set; }
    public string Summary { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string Contact { get; set; } = "";
    public DateTimeOffset LodgedAt { get; set; }
    public ObjectionStatus Status { get; set; }
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
