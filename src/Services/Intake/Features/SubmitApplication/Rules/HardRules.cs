using TitleReview.Contracts;
using TitleReview.Intake.Features.IntegrityRegister;
using static TitleReview.Intake.Features.SubmitApplication.Rules.RuleResults;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>Notice 二(二): 网上首次申报时间 5月22日—7月31日（以评审批次为准），逾期不予受理.</summary>
public sealed class SubmissionWindow : ISubmissionRule
{
    public string Code => "window";
    public string Clause => "二(二)";

    public IEnumerable<Violation> Check(SubmissionFacts facts) => Once(
        facts.Today < facts.Cycle.SubmissionOpens || facts.Today > facts.Cycle.SubmissionCloses
            ? new(Code, Clause, "submittedAt",
                $"不在申报时间内：{facts.Cycle.SubmissionOpens:yyyy年M月d日}至{facts.Cycle.SubmissionCloses:yyyy年M月d日}，逾期不予受理（通知 {Clause}）。",
                $"Outside the submission window {facts.Cycle.SubmissionOpens:yyyy-MM-dd} to {facts.Cycle.SubmissionCloses:yyyy-MM-dd} (notice {Clause}).")
            : null);
}

/// <summary>The notice's preamble: 工程类 — the committee reviews the series its cycle names (工程技术), no other.</summary>
public sealed class SeriesRule : ISubmissionRule
{
    public string Code => "series";
    public string Clause => "通知正文（工程类）";

    public IEnumerable<Violation> Check(SubmissionFacts facts) => Once(
        !facts.Cycle.ReviewsSeries(facts.Request.Series!)
            ? new(Code, Clause, "series", $"本评委会只受理{string.Join("、", facts.Cycle.Series!)}系列的申报，“{facts.Request.Series!.Trim()}”系列请向相应评委会申报（通知正文）。",
                $"This committee reviews the {string.Join(", ", facts.Cycle.Series!)} series only; apply to that series' committee.")
            : null);
}

/// <summary>
/// The notice's preamble: 工程类（交通、水利除外）— those specialties go to their own committees. Refused by the cycle's
/// exact list of excluded specialty names, not by a substring: 交通信号控制 mentions 交通 but may be an electronics
/// specialty, so it goes to the reviewer as a checklist item instead (<see cref="ReviewerChecklist"/>).
/// </summary>
public sealed class ExcludedSpecialty : ISubmissionRule
{
    public string Code => "excluded-specialty";
    public string Clause => "通知正文（交通、水利除外）";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        var specialty = facts.Request.Specialty!.Trim();
        return Once(facts.Cycle.ExcludesSpecialty(specialty)
            ? new(Code, Clause, "specialty", $"本评委会不受理{facts.Cycle.SectorMentionedBy(specialty) ?? specialty}类专业（{specialty}），请向相应行业评委会申报。",
                $"This committee does not review {specialty}; apply to that sector's committee.")
            : null);
    }
}

/// <summary>Notice 四(三)3: a title obtained by fraud is revoked and recorded for 3 years.</summary>
public sealed class IntegrityRegisterRule : ISubmissionRule
{
    public string Code => "integrity-register";
    public string Clause => IntegrityRecord.Clause;

    public IEnumerable<Violation> Check(SubmissionFacts facts) => Once(
        facts.Integrity is { } record && record.Refuses(facts.Today)
            ? record.CertificateNumber.Length > 0
                ? new(Code, Clause, "idNumber",
                    $"申报人因以不正当手段取得职称被撤销证书（{record.CertificateNumber}，{record.RecordedOn:yyyy年M月d日}），记入诚信档案三年，{record.Until:yyyy年M月d日}前不得申报（通知 {Clause}）。",
                    $"The applicant's certificate {record.CertificateNumber} was revoked on {record.RecordedOn:yyyy-MM-dd}; applications are refused until {record.Until:yyyy-MM-dd} (notice {Clause}).")
                : new(Code, Clause, "idNumber",
                    $"申报人因{record.Finding}于{record.RecordedOn:yyyy年M月d日}记入诚信档案（{record.Source}），记录期三年，{record.Until:yyyy年M月d日}前不得申报（通知 {Clause}）。",
                    $"The applicant is in the integrity register for '{record.Finding}' since {record.RecordedOn:yyyy-MM-dd}; applications are refused until {record.Until:yyyy-MM-dd} (notice {Clause}).")
            : null);
}

/// <summary>Notice 三(六): 同一年度同一职称层级原则上只能向一个评审委员会提出申请 — once a year per level, whichever committee.</summary>
public sealed class OneApplicationPerLevel : ISubmissionRule
{
    public string Code => "one-application-per-level";
    public string Clause => "三(六)";

    public IEnumerable<Violation> Check(SubmissionFacts facts) => Once(
        facts.ActiveSameLevel is { } existing
            ? new(Code, Clause, "level",
                $"该身份证号码本年度已有一份{facts.Request.ParsedLevel.Chinese()}申报（{existing}）在办理中，同一层级只能申报一次（通知 {Clause}）。",
                $"This 身份证 number already has an active {facts.Request.ParsedLevel} application ({existing}) this year; one per level (notice {Clause}).")
            : null);
}

internal static class RuleResults
{
    public static IEnumerable<Violation> Once(Violation? violation) => violation is null ? [] : [violation];
}

public static class SubmissionRules
{
    /// <summary>Every hard rule, in the order the notice states them.</summary>
    public static IReadOnlyList<ISubmissionRule> All { get; } =
    [
        new SubmissionWindow(), new SeriesRule(), new ExcludedSpecialty(), new Eligibility(), new IntegrityRegisterRule(), new OneApplicationPerLevel(), new OneCommitteePerEmployer(),
        new Seniority(), new ContinuingEducation(), new OutOfProvinceTitle(), new AchievementsCutoff(), new EducationEvidence(),
        new AcademicOutputs(), new IdenticalToRefused(), new UnitPublicity(), new AnnualAssessments(), new WorkHistory(),
        new AwardsAndPatents(), new PerformanceEvidence(), new AttachmentsByContent(),
    ];

    /// <summary>Every violation at once, so the portal can show them all, not only the first.</summary>
    public static IReadOnlyList<Violation> Check(SubmissionFacts facts) => [.. All.SelectMany(rule => rule.Check(facts))];
}
