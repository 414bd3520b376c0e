using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Testing;

/// <summary>An application's history that keeps every rule, through to its certificate, to forge into a ledger.</summary>
public static class CleanHistory
{
    public static readonly DateOnly PublicityStart = new(2023, 6, 5);
    public static readonly DateOnly PublicityEnd = WorkingDayCalendar.Official.EndOfPeriod(PublicityStart, 5);
    public static readonly DateTimeOffset At = new(2023, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));

    public static List<Forged> Build(Guid id, string name = "李四", TitleLevel level = TitleLevel.Engineer, string submittedBy = LedgerForger.DefaultUser) =>
    [
        new(new ApplicationSubmitted(id, name, "无锡某机械有限公司", "工程技术", "机械工程", level, "xishan-engineering-2023", At), By: submittedBy),
        new(new ReviewStarted(id, "reviewer-wang", At.AddDays(1))),
        new(new FinalApproved(id, "reviewer-wang", At.AddDays(2))),
        new(new Published(id, Guid.NewGuid(), PublicityStart, PublicityEnd, 5, WorkingDayCalendar.Official.Version, At.AddDays(4))),
        new(new FeeAssessed(id, 300.00m, $"XSGC2023-{id.ToString("N")[..8]}", new DateOnly(2023, 6, 16), At.AddDays(4))),
        new(new FeePaid(id, 300.00m, $"XSGC2023-{id.ToString("N")[..8]}", "platform", At.AddDays(5))),
        new(new PublicityCompleted(id, Guid.NewGuid(), PublicityEnd.AddDays(1), At.AddDays(10))),
        new(new CommitteeDecided(id, Guid.NewGuid(), new DateOnly(2023, 9, 1), 9, 6, 4, 2, 0, true, At.AddDays(90))),
        new(new CertificateIssued(id, "XSGC-2023-Z-99999", name, "机械工程", TitleLevel.Engineer, "无锡市锡山区工程技术中级专业技术资格评审委员会", new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 2))),
    ];
}
