using TitleReview.Contracts;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Ledger;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Status;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// The person's one application per grade and year (三(六): 申报人同一年度同一职称层级原则上只能向一个评审委员会提出申请),
/// keyed by year, 身份证 number and grade — 中级, or 初级 for 助理工程师 and 技术员 alike — so also across committees when
/// more than one cycle of a year is loaded. Inserted in the same transaction as the application, so two submissions
/// racing each other cannot both get in, and kept for the year: whatever the application's end, it was the one
/// application to one committee. Only an applicant's own giving up (撤回, or 逾期不缴费 视作自愿放弃申报) lets them apply
/// again, and only to the same committee; a rejection, an upheld objection, a committee fail or a certificate holds it.
/// </summary>
public sealed class LevelSlot
{
    public string Id { get; set; } = "";
    public Guid ApplicationId { get; set; }

    public static string IdOf(int year, string idNumber, TitleLevel level) => $"{year}:{IntegrityRecord.KeyOf(idNumber)}:{GradeOf(level)}";

    /// <summary>职称层级: 工程师 is 中级, 助理工程师 and 技术员 are both 初级.</summary>
    public static string GradeOf(TitleLevel level) => level == TitleLevel.Engineer ? "Intermediate" : "Initial";

    /// <summary>Whether the application holding the slot still keeps the person from applying to <paramref name="cycle"/>.</summary>
    public static bool Holds(ApplicationFile holder, ReviewCycle cycle, ReviewCycleCatalogue cycles) =>
        !(holder.Status is ApplicationStatus.Withdrawn or ApplicationStatus.Lapsed
          && cycles.Find(holder.CycleId)?.CommitteeId == cycle.CommitteeId);
}
