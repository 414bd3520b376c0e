namespace TitleReview.Publicity.Features.Publish;

/// <summary>An application's publicity, kept so the completion job can find what ends without scanning the ledger.</summary>
public sealed class PublicityPeriod
{
    public Guid Id { get; set; }
    public Guid NoticeId { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public string CalendarVersion { get; set; } = "";
    public bool Closed { get; set; }
    public DateOnly? CompletedOn { get; set; }
}
