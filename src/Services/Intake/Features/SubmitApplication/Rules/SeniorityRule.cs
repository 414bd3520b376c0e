using TitleReview.Contracts;
using TitleReview.Contracts.Applications;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// Seniority against the national standard (人社部发〔2019〕16号, in the cycle as data), counted to the seniority
/// cut-off (三(五)), with the notice's exceptions: an engineering professional master's one year early (三(二)); a
/// private enterprise's young talent straight to 中级 when the years since graduation cover the whole path (三(一));
/// a direct application (三(一)) and 破格 materials (二(八)) go to the reviewer as checklist items instead.
/// </summary>
public sealed class Seniority : ISubmissionRule
{
    public string Code => "seniority";
    public string Clause => "三(一)(二)(五)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.Dossier is not { } dossier || DossierFacts.Highest(dossier) is not { } education || facts.Cycle.Seniority is null)
        {
            yield break;
        }

        var route = dossier.Basic?.Route ?? "Standard";
        if (route == "Direct" || dossier.Exceptional is { Reason.Length: > 0 })
        {
            yield break;
        }

        var counted = DossierFacts.CountedLevel(education)!;
        var cutoff = facts.Cycle.SeniorityCutoff;
        var levelName = facts.Level.Chinese();
        var educationName = Vocabulary.EducationLevel[counted];
        if (facts.Cycle.SeniorityFor(facts.Level, counted) is not { } standard)
        {
            yield return new(Code, Clause, "dossier.education", $"{educationName}学历不能申报{levelName}（{facts.Cycle.SeniorityStandardSource}）。",
                $"{counted} education cannot apply for {facts.Level} under the national standard.");
            yield break;
        }

        // 三(二): 获得工程类专业学位研究生的工程技术人才，可提前1年参加相应专业职称评审.
        var early = education.EngineeringProfessionalMaster && counted == "Master" ? 1 : 0;
        var years = Math.Max(0, standard.Years - early);
        var held = DossierFacts.HeldTitle(dossier);
        var title = dossier.Qualifications?.CurrentTitle;

        if (standard.AfterTitle is { } needed && route == "PrivateEnterpriseYoungTalent" && facts.Level == TitleLevel.Engineer && held != needed)
        {
            // The whole path from graduation: the years to reach the title below (itself perhaps after another title,
            // e.g. 大专: 技术员 1 + 助理工程师 2) plus the years after it.
            var below = PathYears(facts, needed, counted);
            var since = education.GraduatedOn is { } graduated ? DossierFacts.FullYears(graduated, cutoff) : 0;
            if (since < below + years)
            {
                yield return new(Code, "三(一)", "dossier.education",
                    $"民营企业优秀青年人才直接申报{levelName}，{educationName}毕业后须从事技术工作满{below + years}年（截至{cutoff:yyyy年M月d日}），现为{since}年。",
                    $"A private enterprise young talent with {counted} needs {below + years} years since graduation to {cutoff:yyyy-MM-dd}; has {since}.");
            }

            yield break;
        }

        if (standard.AfterTitle is { } required)
        {
            if (held is null || held > required || title?.ObtainedOn is null)
            {
                yield return new(Code, Clause, "dossier.qualifications.currentTitle",
                    $"{educationName}申报{levelName}须先取得{required.Chinese()}职称并从事技术工作满{years}年（应逐级申报，通知 三(一)）。",
                    $"{counted} applying for {facts.Level} must first hold {required} and then work {years} years (level by level, notice 三(一)).");
                yield break;
            }

            var since = DossierFacts.FullYears(title.ObtainedOn.Value, cutoff);
            if (since < years)
            {
                yield return new(Code, Clause, "dossier.qualifications.currentTitle.obtainedOn",
                    $"取得{required.Chinese()}职称后须从事技术工作满{years}年{(early > 0 ? "（工程类专业学位硕士已提前1年）" : "")}，截至{cutoff:yyyy年M月d日}仅{since}年（通知 三(五)）。",
                    $"Needs {years} years after obtaining {required} to {cutoff:yyyy-MM-dd}; has {since}.");
            }

            yield break;
        }

        if (years > 0 && (education.GraduatedOn is not { } from || DossierFacts.FullYears(from, cutoff) < years))
        {
            var since = education.GraduatedOn is { } graduated ? DossierFacts.FullYears(graduated, cutoff) : 0;
            yield return new(Code, Clause, "dossier.education",
                $"{educationName}毕业后须从事本专业技术工作满{years}年方可申报{levelName}，截至{cutoff:yyyy年M月d日}仅{since}年。",
                $"{counted} needs {years} years of work since graduation to apply for {facts.Level}; has {since} to {cutoff:yyyy-MM-dd}.");
        }
    }

    /// <summary>Years of technical work from graduation to being able to apply at <paramref name="level"/>, title after title.</summary>
    private static int PathYears(SubmissionFacts facts, TitleLevel level, string education) =>
        facts.Cycle.SeniorityFor(level, education) is { } standard
            ? standard.Years + (standard.AfterTitle is { } before && before != level ? PathYears(facts, before, education) : 0)
            : 0;
}
