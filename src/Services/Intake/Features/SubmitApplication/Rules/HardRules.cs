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

/// <summary>
/// Notice 四(三)3: a title obtained by fraud is revoked and recorded for 3 years. The refusal is neutral: the record's
/// finding, source, certificate and dates are the register's (admins read them there), not the submitting portal's.
/// </summary>
public sealed class IntegrityRegisterRule : ISubmissionRule
{
    public string Code => "integrity-register";
    public string Clause => IntegrityRecord.Clause;

    public IEnumerable<Violation> Check(SubmissionFacts facts) => Once(
        facts.Integrity is { } record && record.Refuses(facts.Today)
            ? new(Code, Clause, "idNumber",
                $"申报人在全省专业技术人员职称申报评审诚信档案的记录期（记录期三年）内，本评委会暂不受理其申报（通知 {Clause}）。",
                $"The applicant is within the three-year record period of the integrity register; the application cannot be accepted (notice {Clause}).")
            : null);
}

/// <summary>
/// Notice 三(六): 同一年度同一职称层级只能向一个评审委员会提出申请 — once a year per grade (初级: 助理工程师 and 技术员 together),
/// whichever committee and however the earlier application ended (<see cref="LevelSlot"/>). The earlier application is
/// named only to the portal client that submitted it; another client gets the refusal without it.
/// </summary>
public sealed class OneApplicationPerLevel : ISubmissionRule
{
    public string Code => "one-application-per-level";
    public string Clause => "三(六)";

    public IEnumerable<Violation> Check(SubmissionFacts facts) => Once(
        facts.ActiveSameLevel is { } existing
            ? facts.SameLevelIsOwn
                ? new(Code, Clause, "level",
                    $"该身份证号码本年度已有一份{facts.Level.Grade()}申报（{existing}），同一年度同一职称层级只能向一个评审委员会申报一次（通知 {Clause}）。",
                    $"This 身份证 number already has a {facts.Level.Grade()} application ({existing}) this year; one per grade and year (notice {Clause}).")
                : new(Code, Clause, "level",
                    $"该身份证号码本年度已有{facts.Level.Grade()}申报，同一年度同一职称层级只能向一个评审委员会申报一次（通知 {Clause}）。",
                    $"This 身份证 number already has a {facts.Level.Grade()} application this year; one per grade and year (notice {Clause}).")
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
