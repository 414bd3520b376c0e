using TitleReview.Domain.Lifecycle;
using System.Globalization;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;

namespace TitleReview.Review.Features.ApplicationDossier;

/// <summary>
/// The 13 modules on the reviewer's detail page (评审填报须知 二) as data: each module's facts and entries, every
/// attachment a download link with its kind and SHA-256. The page (DossierModuleView) shows them, marks the modules
/// the last resubmission changed, and puts each checklist item beside the module it concerns. No markup here: the
/// page encodes every value.
/// </summary>
public static class DossierSections
{
    /// <summary>
    /// The modules in the notice's order (ApplicationModules.All): 基本信息 and 申报信息 from the file itself, then the
    /// dossier's 13 modules when the application has them (schema v2; v1 has only the first two).
    /// </summary>
    public static IReadOnlyList<DossierModule> Modules(Guid applicationId, ApplicationLifecycle application, string series, LatestDossier latest)
    {
        var modules = new List<DossierModule>();
        var d = latest.Dossier;
        var files = latest.Attachments.GroupBy(a => a.Field).ToDictionary(g => g.Key, g => g.First());
        CellPart File(string field) => files.TryGetValue(field, out var a)
            ? new CellPart($"下载（{a.Kind.ToUpperInvariant()}，{a.Length:N0} 字节）", $"/review/applications/{applicationId}/attachments/{a.Id}", $"SHA-256 {a.Sha256[..16]}…")
            : new CellPart("—");
        static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
        static string Yes(bool value) => value ? "是" : "否";
        void Module(string module, IEnumerable<Cell[]> rows, params string[] headers) => modules.Add(new(module, [], headers, [.. rows]));

        var basic = d?.Basic;
        modules.Add(new(ApplicationModules.Basic, [("姓名", application.ApplicantName), ("工作单位", application.Employer)],
            ["性别", "参加工作时间", "身份", "申报途径", "照片"],
            basic is null ? [] : [[
                basic.Gender ?? "—", Day(basic.WorkStartedOn), basic.Residency is { } r ? Vocabulary.Residency.GetValueOrDefault(r, r) : "—",
                (basic.Route is { } route ? Vocabulary.Route.GetValueOrDefault(route, route) : "—") + (basic.RouteReason is { } why ? "：" + why : ""),
                Cell.Of(File("dossier.basic.photoId"))]]));
        modules.Add(new(ApplicationModules.Declaration,
            [("系列", series), ("专业", application.Specialty), ("申报级别", application.Level.Chinese()), ("评审批次", application.CycleId)], [], []));
        if (d is null)
        {
            return modules;
        }

        Module(ApplicationModules.Education, (d.Education ?? []).Select((e, i) => new Cell[]
        {
            (e.Level is { } l ? Vocabulary.EducationLevel.GetValueOrDefault(l, l) : e.TechnicalSchoolClass) ?? "—", e.School ?? "—", e.Major ?? "—", Day(e.GraduatedOn),
            (e.Evidence is { } ev ? Vocabulary.EducationEvidence.GetValueOrDefault(ev, ev) : "—") + (e.EngineeringProfessionalMaster ? "；工程类专业学位" : ""), Cell.Of(File($"dossier.education[{i}].evidenceId")),
        }), "学历", "学校", "专业", "毕业日期", "证明方式", "证明材料");
        var title = d.Qualifications?.CurrentTitle;
        Module(ApplicationModules.Qualifications, (title is null ? [] : new[] { new Cell[] { "现职称", title.Name ?? title.Level ?? "—", Day(title.ObtainedOn), title.OutOfProvince ? "外地证书" : "本省", Cell.Of(File("dossier.qualifications.currentTitle.supportingDocumentId")) } })
            .Concat((d.Qualifications?.Industry ?? []).Select((q, i) => new Cell[] { "行业资格", q.Name ?? "—", Day(q.ObtainedOn), q.Number ?? "—", Cell.Of(File($"dossier.qualifications.industry[{i}].certificateId")) })),
            "类别", "名称", "取得日期", "说明", "证书");
        Module(ApplicationModules.ContinuingEducation, (d.ContinuingEducation ?? []).Select((c, i) => new Cell[] { c.Year.ToString(CultureInfo.InvariantCulture), c.Hours.ToString(CultureInfo.InvariantCulture), Cell.Of(File($"dossier.continuingEducation[{i}].certificateId")) }),
            "年度", "学时", "合格证");
        Module(ApplicationModules.Awards, (d.Awards ?? []).Select((a, i) => new Cell[] { a.Name ?? "—", Day(a.AwardedOn), Yes(a.InApplicantsName), Cell.Of(File($"dossier.awards[{i}].certificateId")), Cell.Of(File($"dossier.awards[{i}].unitStatementId")) }),
            "奖项", "日期", "证书有本人姓名", "证书", "单位证明");
        Module(ApplicationModules.WorkHistory, (d.WorkHistory ?? []).Select(w => new Cell[] { Day(w.From), Day(w.To), w.Employer ?? "—", w.MainTechnicalWork ?? "—" }),
            "起", "止", "单位", "主要从事技术工作");
        Module(ApplicationModules.Patents, (d.Patents ?? []).Select((p, i) => new Cell[]
        {
            p.Title ?? "—", p.Kind is { } k ? Vocabulary.PatentKind.GetValueOrDefault(k, k) : "—", p.Number ?? "—", Yes(p.InApplicantsName),
            p.RegistryUrl is { } url ? Cell.Of(File($"dossier.patents[{i}].certificateId"), new CellPart(" " + url)) : Cell.Of(File($"dossier.patents[{i}].certificateId")),
        }), "名称", "类型", "专利号", "本人名字", "证书");
        Module(ApplicationModules.Exceptional, d.Exceptional is { } ex ? [[ex.Reason ?? "—", new Cell([.. (ex.AttachmentIds ?? []).Select((_, i) => File($"dossier.exceptional.attachmentIds[{i}]"))])]] : [],
            "破格理由", "材料");
        Module(ApplicationModules.WorkSummary, d.WorkSummary is null ? [] : [[Cell.Of(File("dossier.workSummary.documentId"))]], "工作总结");
        Module(ApplicationModules.Performance, (d.Performance ?? []).Select((p, i) => new Cell[] { p.Id ?? "—", p.Title ?? "—", $"{Day(p.From)} 至 {Day(p.To)}", p.Role ?? "—", $"{p.VerifiedBy} {Day(p.VerifiedOn)}", Cell.Of(File($"dossier.performance[{i}].evidenceId")) }),
            "编号", "业绩", "时间", "本人作用", "核实人及日期", "证明材料");
        Module(ApplicationModules.AcademicOutputs, (d.AcademicOutputs ?? []).Select((o, i) => new Cell[]
        {
            o.Title ?? "—", o.Kind is { } k ? Vocabulary.OutputKind.GetValueOrDefault(k, Vocabulary.ExcludedOutputKind.GetValueOrDefault(k, k)) : "—", o.PerformanceItemId ?? "—",
            o.Published ? $"已发表：{o.Journal} {Day(o.PublishedOn)}" : $"未发表，撰写于 {Day(o.WrittenOn)}",
            new Cell([File($"dossier.academicOutputs[{i}].documentId"),
                .. o.TranslationId is null ? Array.Empty<CellPart>() : [new CellPart(" 译稿 "), File($"dossier.academicOutputs[{i}].translationId")],
                .. o.PublicationScanId is null ? Array.Empty<CellPart>() : [new CellPart(" 刊物 "), File($"dossier.academicOutputs[{i}].publicationScanId")]]),
        }), "题目", "类别", "对应业绩", "发表情况", "文档");
        Module(ApplicationModules.Assessments, (d.Assessments ?? []).Select(a => new Cell[] { a.Year.ToString(CultureInfo.InvariantCulture), a.Result ?? "—" }), "年度", "考核结果");
        var consent = d.UnitConsent;
        Module(ApplicationModules.UnitConsent, consent is null ? [] : [[$"{Day(consent.PublicityStart)} 至 {Day(consent.PublicityEnd)}", Day(consent.ProofIssuedOn), consent.AssessmentResult ?? "—",
            Cell.Of(File("dossier.unitConsent.consentDocumentId")), Cell.Of(File("dossier.unitConsent.pledgeDocumentId"))]], "单位公示", "证明出具日期", "考核结果", "单位同意证明", "个人承诺书");
        return modules;
    }
}
