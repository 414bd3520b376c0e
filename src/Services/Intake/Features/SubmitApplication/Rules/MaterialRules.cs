using TitleReview.Contracts.Applications;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>三(三): continuing-education hours for every year since the title held (or graduation), as the cycle requires per year.</summary>
public sealed class ContinuingEducation : ISubmissionRule
{
    public string Code => "continuing-education";
    public string Clause => "三(三)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.Dossier is not { } dossier || facts.Cycle.ContinuingEducationHours is not { } required)
        {
            yield break;
        }

        var since = dossier.Qualifications?.CurrentTitle?.ObtainedOn ?? DossierFacts.Highest(dossier)?.GraduatedOn;
        foreach (var (year, hours) in required.OrderBy(r => r.Key))
        {
            if (since is { } start && year <= start.Year || year > facts.Cycle.SeniorityCutoff.Year)
            {
                continue;
            }

            var reported = (dossier.ContinuingEducation ?? []).Where(c => c.Year == year).ToList();
            var total = reported.Sum(c => c.Hours);
            if (total < hours || reported.Any(c => c.CertificateId is null))
            {
                yield return new(Code, Clause, $"dossier.continuingEducation[{year}]",
                    $"{year}年继续教育须满{hours}学时并上传合格证，现为{total}学时（通知 {Clause}）。",
                    $"{year} needs {hours} hours of continuing education with the certificate; has {total} (notice {Clause}).");
            }
        }
    }
}

/// <summary>三(四): a title from another province's authority needs its review form or approval document.</summary>
public sealed class OutOfProvinceTitle : ISubmissionRule
{
    public string Code => "out-of-province-title";
    public string Clause => "三(四)";

    public IEnumerable<Violation> Check(SubmissionFacts facts) =>
        facts.Dossier?.Qualifications?.CurrentTitle is { OutOfProvince: true, VerifiableOnline: false, SupportingDocumentId: null }
            ? [new(Code, Clause, "dossier.qualifications.currentTitle.supportingDocumentId",
                "外地取得的职称证书无法在线查验的，须上传配套的评审申报表或评审通过文件（通知 三(四)）。",
                "An out-of-province title that cannot be verified online needs its review form or approval document (notice 三(四)).")]
            : [];
}

/// <summary>四(二): foreign degrees need the 留学服务中心 certification, military education its documents.</summary>
public sealed class EducationEvidence : ISubmissionRule
{
    public string Code => "education-evidence";
    public string Clause => "四(二)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        foreach (var (education, i) in (facts.Dossier?.Education ?? []).Select((e, i) => (e, i)))
        {
            var needsDocument = education.Evidence is "ForeignCertified" or "Military" or "ArchiveRecord";
            if (needsDocument && education.EvidenceId is null)
            {
                yield return new(Code, Clause, $"dossier.education[{i}].evidenceId",
                    $"{Vocabulary.EducationEvidence[education.Evidence!]}须上传相应证明材料（通知 {Clause}）。",
                    $"Education proven as {education.Evidence} needs its document uploaded (notice {Clause}).");
            }

            if (education.Evidence == "TechnicalSchool" && (education.TechnicalSchoolClass is null || !Vocabulary.TechnicalSchoolEquivalent.ContainsKey(education.TechnicalSchoolClass)))
            {
                yield return new(Code, Clause, $"dossier.education[{i}].technicalSchoolClass",
                    "技工院校学历须注明中级工班、高级工班或预备技师（技师）班（分别视同中专、大专、本科）。",
                    "A technical-school education must name its class: Intermediate, Advanced or PreparatoryTechnician.");
            }
        }
    }
}

/// <summary>二(六): from the first job to the application date, without gaps (待业 written in) or overlaps between any two periods, main technical work never empty or 无.</summary>
public sealed class WorkHistory : ISubmissionRule
{
    public string Code => "work-history";
    public string Clause => "填报须知 二(六)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        if (facts.Dossier?.WorkHistory is not { Count: > 0 } history)
        {
            yield break;
        }

        var periods = history.Select((p, i) => (Period: p, Index: i)).ToList();
        foreach (var (period, i) in periods)
        {
            if (period.From is not { } from || period.To is not { } to || to < from)
            {
                yield return new(Code, Clause, $"dossier.workHistory[{i}]", "工作经历须填写起止日期，且结束不早于开始。", "Each period needs a start and an end, the end not before the start.");
            }

            if (string.IsNullOrWhiteSpace(period.MainTechnicalWork) || period.MainTechnicalWork.Trim() is "无" or "没有" or "/" or "-")
            {
                yield return new(Code, Clause, $"dossier.workHistory[{i}].mainTechnicalWork", "“主要从事技术工作”不可填无，请按从事的专业事实填写（未工作请注明待业）。",
                    "Main technical work may not be empty or 无; state the actual work (or 待业).");
            }
        }

        // Every pair, not only neighbours once sorted: a long period can overlap one that starts after its neighbour.
        var dated = periods.Where(p => p.Period.From is not null && p.Period.To is not null && p.Period.To >= p.Period.From).OrderBy(p => p.Period.From).ToList();
        for (var k = 1; k < dated.Count; k++)
        {
            var (period, index) = dated[k];
            if (dated.Take(k).FirstOrDefault(earlier => period.From <= earlier.Period.To) is { Period: { } other })
            {
                yield return new(Code, Clause, $"dossier.workHistory[{index}].from",
                    $"工作经历时间交叉：{other.From:yyyy-MM-dd}至{other.To:yyyy-MM-dd}与{period.From:yyyy-MM-dd}至{period.To:yyyy-MM-dd}的经历重叠。",
                    "Work periods overlap.");
                continue;
            }

            // 若某阶段未工作，请如实填写，可注明待业: the record runs without a gap from the first job to today.
            var coveredTo = dated.Take(k).Max(earlier => earlier.Period.To!.Value);
            if (period.From!.Value > coveredTo.AddDays(1))
            {
                yield return new(Code, Clause, $"dossier.workHistory[{index}].from",
                    $"工作经历不连续：{coveredTo.AddDays(1):yyyy-MM-dd}至{period.From.Value.AddDays(-1):yyyy-MM-dd}未填写；未工作的阶段请如实填写，可注明待业（填报须知 二(六)）。",
                    $"The work history has a gap from {coveredTo.AddDays(1):yyyy-MM-dd} to {period.From.Value.AddDays(-1):yyyy-MM-dd}; write in the period (e.g. 待业).");
            }
        }

        if (dated.Count > 0 && facts.Dossier.Basic?.WorkStartedOn is { } started && dated[0].Period.From != started)
        {
            yield return new(Code, Clause, $"dossier.workHistory[{dated[0].Index}].from",
                $"首段工作经历起始日期须与基本信息中的“参加工作时间”{started:yyyy年M月d日}一致。", "The first period must start on the recorded start of work.");
        }

        if (dated.Count > 0 && dated[^1].Period.To != facts.Today)
        {
            yield return new(Code, Clause, $"dossier.workHistory[{dated[^1].Index}].to",
                $"最后一段工作经历的结束日期须填写申报当日（{facts.Today:yyyy年M月d日}）。", $"The last period must end on the application date ({facts.Today:yyyy-MM-dd}).");
        }
    }
}

/// <summary>二(五)、二(七): awards and patents in the applicant's name, or backed by the unit's statement / the registry.</summary>
public sealed class AwardsAndPatents : ISubmissionRule
{
    public string Code => "awards-patents";
    public string Clause => "填报须知 二(五)(七)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        foreach (var (award, i) in (facts.Dossier?.Awards ?? []).Select((a, i) => (a, i)))
        {
            if (award.CertificateId is null || !award.InApplicantsName && award.UnitStatementId is null)
            {
                yield return new(Code, Clause, $"dossier.awards[{i}]", "奖励须上传证书；证书中无本人姓名的，须附所在单位证明材料，否则视为无效。",
                    "An award needs its certificate, and a unit statement when the applicant is not named on it.");
            }
        }

        foreach (var (patent, i) in (facts.Dossier?.Patents ?? []).Select((p, i) => (p, i)))
        {
            var registry = Uri.TryCreate(patent.RegistryUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;
            if (!patent.InApplicantsName || patent.CertificateId is null && !registry)
            {
                yield return new(Code, Clause, $"dossier.patents[{i}]", "专利证书须有本人名字；无证书原件的，须附专利信息查询官网截图和网址（https）。",
                    "A patent must name the applicant and carry its certificate, or the official registry's screenshot and https address.");
            }
        }
    }
}

/// <summary>二(十): every performance item has its evidence, verified by someone other than the applicant, dated.</summary>
public sealed class PerformanceEvidence : ISubmissionRule
{
    public string Code => "performance-evidence";
    public string Clause => "填报须知 二(十)";

    public IEnumerable<Violation> Check(SubmissionFacts facts)
    {
        foreach (var (item, i) in (facts.Dossier?.Performance ?? []).Select((p, i) => (p, i)))
        {
            if (item.EvidenceId is null)
            {
                yield return new(Code, Clause, $"dossier.performance[{i}].evidenceId", "每项业绩须上传证明材料（PDF）。", "Each performance item needs its evidence (PDF).");
            }

            if (string.IsNullOrWhiteSpace(item.VerifiedBy) || item.VerifiedOn is null)
            {
                yield return new(Code, Clause, $"dossier.performance[{i}].verifiedBy", "业绩证明须有核实人签名和核实日期。", "Performance evidence needs the verifier's name and date.");
            }
            else if (item.VerifiedBy.Trim() == facts.Request.ApplicantName?.Trim())
            {
                yield return new(Code, Clause, $"dossier.performance[{i}].verifiedBy", "本人不可核实自己的业绩材料，核实人须为他人。", "The applicant may not verify their own evidence.");
            }
        }
    }
}
