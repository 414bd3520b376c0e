using TitleReview.Contracts;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>
/// A published publicity notice (评审公示名单). It lists only what the public may see: name, employer, specialty and
/// level; Publicity never holds 身份证 or phone numbers at all.
/// </summary>
public sealed class PublicityNotice
{
    public Guid Id { get; set; }
    public string CycleId { get; set; } = "";
    public string CommitteeName { get; set; } = "";
    public string Number { get; set; } = "";
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public int WorkingDays { get; set; }
    public string CalendarVersion { get; set; } = "";

    /// <summary>Kept in UTC (the same instant): it is a timestamptz column (NoticeIndexes), which Npgsql writes only from an offset of zero.</summary>
    public DateTimeOffset PublishedAt { get; set => field = value.ToUniversalTime(); }

    public string PublishedBy { get; set; } = "";
    public List<NoticeEntry> Entries { get; set; } = [];
}

public sealed record NoticeEntry(Guid ApplicationId, string ApplicantName, string Employer, string Specialty, TitleLevel Level);

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
