using TitleReview.Contracts;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>
/// A notice as the public sees it. No application id: ids open records elsewhere (a certificate, a status), so a person
/// on a notice is named by the notice and their row on it, which is all an objection needs.
/// </summary>
public sealed record PublicNotice(Guid Id, string CycleId, string CommitteeName, string Number, DateOnly Start, DateOnly End, int WorkingDays,
    string CalendarVersion, DateTimeOffset PublishedAt, IReadOnlyList<PublicNoticeEntry> Entries)
{
    public static PublicNotice From(PublicityNotice notice) => new(notice.Id, notice.CycleId, notice.CommitteeName, notice.Number, notice.Start, notice.End,
        notice.WorkingDays, notice.CalendarVersion, notice.PublishedAt,
        [.. notice.Entries.Select((entry, index) => new PublicNoticeEntry(index + 1, entry.ApplicantName, entry.Employer, entry.Specialty, entry.Level))]);
}

/// <summary>One line of a public notice; <see cref="Row"/> counts from 1 in the order the notice lists them.</summary>
public sealed record PublicNoticeEntry(int Row, string ApplicantName, string Employer, string Specialty, TitleLevel Level);

/// <summary>A line still open for objections, with the notice it is on: what the objection form offers.</summary>
public sealed record OpenNoticeEntry(Guid NoticeId, string NoticeNumber, PublicNoticeEntry Entry);
