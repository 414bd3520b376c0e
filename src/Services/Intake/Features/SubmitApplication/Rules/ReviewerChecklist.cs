using TitleReview.Contracts;
using TitleReview.Contracts.Applications;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// The checks that need a human eye (design.md, Rules), stored with the application: each names its clause, its
/// module, what the reviewer must look at, and — pre-filled — what Intake could already establish.
/// </summary>
public static class ReviewerChecklist
{
    public static IReadOnlyList<ChecklistItem> For(SubmissionFacts facts)
    {
        // 交通、水利 are refused by exact name; a specialty that only mentions them is the reviewer's call.
        var specialty = facts.Request.Specialty?.Trim() ?? "";
        ChecklistItem[] scope = facts.Cycle.SectorMentionedBy(specialty) is { } sector && !facts.Cycle.ExcludesSpecialty(specialty)
            ? [new("specialty-scope", "通知正文（交通、水利除外）", ApplicationModules.Declaration, $"核实专业“{specialty}”是否属{string.Join("、", facts.Cycle.ExcludedSpecialties)}类（本评委会不受理，应向相应行业评委会申报）",
                $"专业名称含“{sector}”，不在本批次排除的专业名单中，系统未拒绝。")]
            : [];
        if (facts.Dossier is not { } dossier)
        {
            // Schema version 1 carries no modules: the reviewer checks the declaration against the portal's record.
            return [new("declaration", "二(一)", ApplicationModules.Basic, "核对申报人基本信息与申报信息（第1版申报不含13个模块材料）。", "第1版申报，无模块材料可预审。"), .. scope];
        }

        var items = new List<ChecklistItem>(scope);
        foreach (var education in dossier.Education ?? [])
        {
            var counted = DossierFacts.CountedLevel(education) is { } level && Vocabulary.EducationLevel.TryGetValue(level, out var name) ? name : "未识别";
            var evidence = education.Evidence is { } kind && Vocabulary.EducationEvidence.TryGetValue(kind, out var how) ? how : "未填写";
            items.Add(new("education-verification", "四(二)", ApplicationModules.Education, $"核验学历（学位）：{education.School} {education.Major}",
                $"按{counted}计；证明方式：{evidence}；毕业日期：{education.GraduatedOn:yyyy-MM-dd}{(education.EvidenceId is null ? "；未上传证明材料" : $"；已上传证明材料{Hash(facts, education.EvidenceId)}")}"));
        }

        if (dossier.Qualifications?.CurrentTitle is { Level: not "None" } title)
        {
            items.Add(new("title-verification", "三(四)", ApplicationModules.Qualifications, $"核验现有职称：{title.Name}",
                $"取得日期：{title.ObtainedOn:yyyy-MM-dd}；{(title.OutOfProvince ? "外地证书" : "本省证书")}；{(title.VerifiableOnline ? "声明可在线查验" : title.SupportingDocumentId is null ? "无配套文件" : "已上传配套评审申报表或评审通过文件" + Hash(facts, title.SupportingDocumentId))}"));
        }

        var route = dossier.Basic?.Route ?? "Standard";
        if (route != "Standard")
        {
            items.Add(new("route", "三(一)", ApplicationModules.Basic, $"核实申报途径：{Vocabulary.Route.GetValueOrDefault(route, route)}", $"申报人说明：{dossier.Basic?.RouteReason ?? "（未说明）"}"));
        }

        if (dossier.Basic?.Residency is "HongKongMacauTaiwan" or "Foreign")
        {
            items.Add(new("permit", "一(二)", ApplicationModules.Basic, "核验港澳台或外籍人员的就业及许可证件",
                $"身份：{Vocabulary.Residency[dossier.Basic.Residency]}；证件：{(dossier.Basic.ForeignPermit is { } permit ? Vocabulary.ForeignPermit.GetValueOrDefault(permit, permit) : "—")}"));
        }

        if (dossier.Exceptional is { Reason.Length: > 0 } exceptional)
        {
            items.Add(new("exceptional", "填报须知 二(八)", ApplicationModules.Exceptional, "核实破格条件（学历、资历未达标准，系统未按资历规则拒绝）",
                $"破格理由：{exceptional.Reason}；材料 {exceptional.AttachmentIds?.Count ?? 0} 份"));
        }

        foreach (var item in dossier.Performance ?? [])
        {
            items.Add(new("performance-pages", "填报须知 二(十)", ApplicationModules.Performance, $"业绩“{item.Title}”：每页须有单位盖章、核实人签名、核实日期，本人姓名处已标记",
                $"核实人：{item.VerifiedBy}，核实日期：{item.VerifiedOn:yyyy-MM-dd}；证明材料{Hash(facts, item.EvidenceId)}"));
        }

        var performanceTitles = (dossier.Performance ?? []).Where(p => p.Id is not null).ToDictionary(p => p.Id!, p => p.Title, StringComparer.Ordinal);
        foreach (var output in dossier.AcademicOutputs ?? [])
        {
            var kind = output.Kind is { } k ? Vocabulary.OutputKind.GetValueOrDefault(k, k) : "未填写";
            items.Add(new("academic-misconduct", "四(三)3", ApplicationModules.AcademicOutputs, $"《{output.Title?.Trim('《', '》')}》：中国知网学术文献检测，并核实本人独立或第一作者撰写",
                $"类别：{kind}；{(output.Published ? $"已发表于{output.Journal}" : $"未发表，撰写于{output.WrittenOn:yyyy-MM-dd}")}；文档{Hash(facts, output.DocumentId)}"));
            if (output.Kind == Vocabulary.TechnicalSummaryReport)
            {
                items.Add(new("report-content", "四(三)1", ApplicationModules.AcademicOutputs, "技术总结报告须结合对应业绩，阐明本人职责、解决的技术难题与贡献，非业绩材料的文字化转述",
                    $"对应业绩：{(output.PerformanceItemId is { } id && performanceTitles.TryGetValue(id, out var name) ? name : "未对应")}"));
            }
        }

        if ((dossier.Awards?.Count ?? 0) + (dossier.Patents?.Count ?? 0) > 0)
        {
            items.Add(new("awards-patents", "填报须知 二(五)(七)", ApplicationModules.Awards, "核实奖励、专利与申报专业相关且为本人取得",
                $"奖励 {dossier.Awards?.Count ?? 0} 项（{dossier.Awards?.Count(a => !a.InApplicantsName) ?? 0} 项附单位证明）；专利 {dossier.Patents?.Count ?? 0} 项"));
        }

        var failed = (dossier.Assessments ?? []).Where(a => a.Result == "不合格").Select(a => a.Year).ToList();
        items.Add(new("annual-assessments", "填报须知 二(十二)", ApplicationModules.Assessments, "核对任期内年度考核（事业单位在编人员须齐全）",
            $"已填 {dossier.Assessments?.Count ?? 0} 个年度{(failed.Count > 0 ? $"；不合格年度：{string.Join("、", failed)}" : "")}"));

        if (dossier.UnitConsent is { } consent)
        {
            items.Add(new("unit-consent", "四(一)、填报须知 二(十三)4", ApplicationModules.UnitConsent, "单位公章、核实人亲笔签名和日期；个人承诺书为本人亲笔签名",
                $"单位公示 {consent.PublicityStart:yyyy-MM-dd} 至 {consent.PublicityEnd:yyyy-MM-dd}，证明出具于 {consent.ProofIssuedOn:yyyy-MM-dd}；考核结果：{consent.AssessmentResult}"));
        }

        return items;
    }

    private static string Hash(SubmissionFacts facts, Guid? id) =>
        id is { } found && facts.Attachments?.GetValueOrDefault(found) is { } stored ? $"（SHA-256 {stored.Sha256[..12]}…）" : "（未上传）";
}
