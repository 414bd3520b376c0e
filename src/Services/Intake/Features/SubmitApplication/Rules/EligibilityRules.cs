using TitleReview.Contracts.Applications;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>一(一)-(三): who may apply here at all.</summary>
public sealed class Eligibility : ISubmissionRule
{
    public string Code => "eligibility";
    public string Clause => "一";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.Dossier?.Basic is not { } basic)
        {
            yield break;
        }

        if (basic.CivilServant == true)
        {
            yield return new(Code, "一(三)", "dossier.basic.civilServant", "公务员（含参照公务员法管理的事业单位工作人员）不得申报职称评审（通知 一(三)）。",
                "Civil servants (incl. staff managed as civil servants) may not apply (notice 一(三)).");
        }

        if (basic.Retired == true)
        {
            yield return new(Code, "一(三)", "dossier.basic.retired", "离退休人员不得申报职称评审（通知 一(三)）。", "Retirees may not apply (notice 一(三)).");
        }

        if (basic.SanctionEndsOn is { } ends && ends >= facts.Today)
        {
            yield return new(Code, "一(三)", "dossier.basic.sanctionEndsOn", $"处分影响期至{ends:yyyy年M月d日}，影响期内不得申报（通知 一(三)）。",
                $"A disciplinary sanction is in force until {ends:yyyy-MM-dd}; no application meanwhile (notice 一(三)).");
        }

        var ties = basic.DistrictTies;
        switch (basic.Residency)
        {
            case "Mainland" when ties is null || !(ties.EmployedHere || ties.InsuredHere || ties.PersonnelFileHere || ties.FreelanceHere):
                yield return new(Code, "一(一)", "dossier.basic.districtTies", "须在本区就业、缴纳社保、人事档案在本区或在本区从事自由职业，方可向本评委会申报（通知 一(一)）。",
                    "The applicant must work, be insured, have the personnel file, or freelance in this district (notice 一(一)).");
                break;
            case "HongKongMacauTaiwan" when ties is not { EmployedHere: true }:
                yield return new(Code, "一(二)", "dossier.basic.districtTies.employedHere", "港澳台专业技术人才须在本区就业（通知 一(二)）。",
                    "Hong Kong, Macau and Taiwan applicants must be employed in this district (notice 一(二)).");
                break;
            case "Foreign" when ties is not { EmployedHere: true } || basic.ForeignPermit is null || !Vocabulary.ForeignPermit.ContainsKey(basic.ForeignPermit):
                yield return new(Code, "一(二)", "dossier.basic.foreignPermit",
                    $"外籍人员须在本区就业，并持有{string.Join("、", Vocabulary.ForeignPermit.Values)}之一（通知 一(二)）。",
                    "Foreign applicants must work in this district and hold a work permit, permanent residence ID or overseas talent residence permit (notice 一(二)).");
                break;
        }
    }
}

/// <summary>
/// 三(五): 业绩成果、论文、学历（学位）截止 2023年3月31日 (the cycle's achievements cut-off). Every dated achievement counts:
/// degrees, performance, outputs (published: the publication date; unpublished: the date written), awards, patents
/// (授权公告日) and industry qualifications. One without its date is refused by name, never let through unchecked (an
/// unpublished output's missing date is the academic-outputs rule's, 填报须知 二(十一)).
/// </summary>
public sealed class AchievementsCutoff : ISubmissionRule
{
    public string Code => "achievements-cutoff";
    public string Clause => "三(五)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.Dossier is not { } dossier)
        {
            yield break;
        }

        var cutoff = facts.Cycle.AchievementsCutoff;
        var dated = (dossier.Education ?? []).Select((e, i) => ($"dossier.education[{i}].graduatedOn", "学历（学位）", e.GraduatedOn, Required: false))
            .Concat((dossier.Performance ?? []).Select((p, i) => ($"dossier.performance[{i}].from", "业绩", p.From, Required: true)))
            .Concat((dossier.AcademicOutputs ?? []).Select((o, i) => o.Published
                ? ($"dossier.academicOutputs[{i}].publishedOn", "已发表成果的发表", o.PublishedOn, Required: true)
                : ($"dossier.academicOutputs[{i}].writtenOn", "学术成果", o.WrittenOn, Required: false)))
            .Concat((dossier.Awards ?? []).Select((a, i) => ($"dossier.awards[{i}].awardedOn", "奖励", a.AwardedOn, Required: true)))
            .Concat((dossier.Patents ?? []).Select((p, i) => ($"dossier.patents[{i}].grantedOn", "专利授权", p.GrantedOn, Required: true)))
            .Concat((dossier.Qualifications?.Industry ?? []).Select((q, i) => ($"dossier.qualifications.industry[{i}].obtainedOn", "资格证书取得", q.ObtainedOn, Required: true)));
        foreach (var (field, what, date, required) in dated)
        {
            if (date is { } on && on > cutoff)
            {
                yield return new(Code, Clause, field, $"{what}日期{on:yyyy年M月d日}晚于截止时间{cutoff:yyyy年M月d日}，不能计入本次申报（通知 {Clause}）。",
                    $"{field} {on:yyyy-MM-dd} is after the cut-off {cutoff:yyyy-MM-dd} (notice {Clause}).");
            }
            else if (date is null && required)
            {
                yield return new(Code, Clause, field, $"须填写{what}日期，以核对截止时间{cutoff:yyyy年M月d日}（通知 {Clause}）。",
                    $"{field} is required: every dated achievement is checked against the cut-off {cutoff:yyyy-MM-dd} (notice {Clause}).");
            }
        }
    }
}
