using TitleReview.Domain.Lifecycle;
using System.Globalization;
using System.Text;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using static TitleReview.Web.Http.HtmlPage;

namespace TitleReview.Review.Features.ApplicationDossier;

/// <summary>
/// The 13 modules on the reviewer's detail page (评审填报须知 二), each marked when the last resubmission changed it,
/// every attachment a download link with its kind and SHA-256, then the checklist Intake pre-filled. Every value is
/// HTML-encoded.
/// </summary>
public static class DossierSections
{
    public static string Render(Guid applicationId, LatestDossier latest, IReadOnlyCollection<string> changedModules)
    {
        var html = new StringBuilder();
        if (latest.Dossier is not { } d)
        {
            return "<p class=\"meta\">第1版申报，仅含基本信息与申报信息，无13个模块材料。</p>" + Checklist(latest.Checklist);
        }

        var files = latest.Attachments.GroupBy(a => a.Field).ToDictionary(g => g.Key, g => g.First());
        string File(string field) => files.TryGetValue(field, out var a)
            ? $"<a href=\"/review/applications/{applicationId}/attachments/{a.Id}\">下载（{E(a.Kind.ToUpperInvariant())}，{a.Length:N0} 字节）</a> <span class=\"meta\">SHA-256 {E(a.Sha256[..16])}…</span>"
            : "—";
        string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
        string Yes(bool value) => value ? "是" : "否";

        void Module(string module, IEnumerable<string[]> rows, params string[] headers)
        {
            html.Append("<h3>").Append(E(ApplicationModules.Label(module))).Append(changedModules.Select(ApplicationModules.CodeOf).Contains(module) ? " <span class=\"overdue\">（本次重新提交已修改）</span>" : "").Append("</h3>");
            var list = rows.ToList();
            if (list.Count == 0)
            {
                html.Append("<p class=\"meta\">未填报</p>");
                return;
            }

            html.Append("<table><thead><tr>");
            foreach (var header in headers)
            {
                html.Append("<th>").Append(E(header)).Append("</th>");
            }

            html.Append("</tr></thead><tbody>");
            foreach (var row in list)
            {
                html.Append("<tr>");
                foreach (var cell in row)
                {
                    // Cells are encoded where they are built: links to attachments are the only markup they carry.
                    html.Append("<td>").Append(cell).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table>");
        }

        var basic = d.Basic;
        Module(ApplicationModules.Basic, basic is null ? [] : [[
            E(basic.Gender), Day(basic.WorkStartedOn), E(basic.Residency is { } r ? Vocabulary.Residency.GetValueOrDefault(r, r) : "—"),
            E(basic.Route is { } route ? Vocabulary.Route.GetValueOrDefault(route, route) : "—") + (basic.RouteReason is { } why ? "：" + E(why) : ""),
            File("dossier.basic.photoId")]], "性别", "参加工作时间", "身份", "申报途径", "照片");
        Module(ApplicationModules.Education, (d.Education ?? []).Select((e, i) => new[]
        {
            E(e.Level is { } l ? Vocabulary.EducationLevel.GetValueOrDefault(l, l) : e.TechnicalSchoolClass), E(e.School), E(e.Major), Day(e.GraduatedOn),
            E(e.Evidence is { } ev ? Vocabulary.EducationEvidence.GetValueOrDefault(ev, ev) : "—") + (e.EngineeringProfessionalMaster ? "；工程类专业学位" : ""), File($"dossier.education[{i}].evidenceId"),
        }), "学历", "学校", "专业", "毕业日期", "证明方式", "证明材料");
        var title = d.Qualifications?.CurrentTitle;
        Module(ApplicationModules.Qualifications, (title is null ? [] : new[] { new[] { "现职称", E(title.Name ?? title.Level), Day(title.ObtainedOn), title.OutOfProvince ? "外地证书" : "本省", File("dossier.qualifications.currentTitle.supportingDocumentId") } })
            .Concat((d.Qualifications?.Industry ?? []).Select((q, i) => new[] { "行业资格", E(q.Name), Day(q.ObtainedOn), E(q.Number), File($"dossier.qualifications.industry[{i}].certificateId") })),
            "类别", "名称", "取得日期", "说明", "证书");
        Module(ApplicationModules.ContinuingEducation, (d.ContinuingEducation ?? []).Select((c, i) => new[] { c.Year.ToString(CultureInfo.InvariantCulture), c.Hours.ToString(CultureInfo.InvariantCulture), File($"dossier.continuingEducation[{i}].certificateId") }),
            "年度", "学时", "合格证");
        Module(ApplicationModules.Awards, (d.Awards ?? []).Select((a, i) => new[] { E(a.Name), Day(a.AwardedOn), Yes(a.InApplicantsName), File($"dossier.awards[{i}].certificateId"), File($"dossier.awards[{i}].unitStatementId") }),
            "奖项", "日期", "证书有本人姓名", "证书", "单位证明");
        Module(ApplicationModules.WorkHistory, (d.WorkHistory ?? []).Select(w => new[] { Day(w.From), Day(w.To), E(w.Employer), E(w.MainTechnicalWork) }),
            "起", "止", "单位", "主要从事技术工作");
        Module(ApplicationModules.Patents, (d.Patents ?? []).Select((p, i) => new[] { E(p.Title), E(p.Kind is { } k ? Vocabulary.PatentKind.GetValueOrDefault(k, k) : "—"), E(p.Number), Yes(p.InApplicantsName), File($"dossier.patents[{i}].certificateId") + (p.RegistryUrl is { } url ? " " + E(url) : "") }),
            "名称", "类型", "专利号", "本人名字", "证书");
        Module(ApplicationModules.Exceptional, d.Exceptional is { } ex ? [[E(ex.Reason), string.Join(" ", (ex.AttachmentIds ?? []).Select((_, i) => File($"dossier.exceptional.attachmentIds[{i}]")))]] : [],
            "破格理由", "材料");
        Module(ApplicationModules.WorkSummary, d.WorkSummary is null ? [] : [[File("dossier.workSummary.documentId")]], "工作总结");
        Module(ApplicationModules.Performance, (d.Performance ?? []).Select((p, i) => new[] { E(p.Id), E(p.Title), $"{Day(p.From)} 至 {Day(p.To)}", E(p.Role), $"{E(p.VerifiedBy)} {Day(p.VerifiedOn)}", File($"dossier.performance[{i}].evidenceId") }),
            "编号", "业绩", "时间", "本人作用", "核实人及日期", "证明材料");
        Module(ApplicationModules.AcademicOutputs, (d.AcademicOutputs ?? []).Select((o, i) => new[]
        {
            E(o.Title), E(o.Kind is { } k ? Vocabulary.OutputKind.GetValueOrDefault(k, Vocabulary.ExcludedOutputKind.GetValueOrDefault(k, k)) : "—"), E(o.PerformanceItemId ?? "—"),
            o.Published ? $"已发表：{E(o.Journal)} {Day(o.PublishedOn)}" : $"未发表，撰写于 {Day(o.WrittenOn)}",
            File($"dossier.academicOutputs[{i}].documentId") + (o.TranslationId is null ? "" : " 译稿 " + File($"dossier.academicOutputs[{i}].translationId")) + (o.PublicationScanId is null ? "" : " 刊物 " + File($"dossier.academicOutputs[{i}].publicationScanId")),
        }), "题目", "类别", "对应业绩", "发表情况", "文档");
        Module(ApplicationModules.Assessments, (d.Assessments ?? []).Select(a => new[] { a.Year.ToString(CultureInfo.InvariantCulture), E(a.Result) }), "年度", "考核结果");
        var consent = d.UnitConsent;
        Module(ApplicationModules.UnitConsent, consent is null ? [] : [[$"{Day(consent.PublicityStart)} 至 {Day(consent.PublicityEnd)}", Day(consent.ProofIssuedOn), E(consent.AssessmentResult),
            File("dossier.unitConsent.consentDocumentId"), File("dossier.unitConsent.pledgeDocumentId")]], "单位公示", "证明出具日期", "考核结果", "单位同意证明", "个人承诺书");
        return html.Append(Checklist(latest.Checklist)).ToString();
    }

    private static string Checklist(IReadOnlyList<ChecklistItem> items)
    {
        var html = new StringBuilder("<h2>人工核查清单</h2>");
        if (items.Count == 0)
        {
            return html.Append("<p class=\"meta\">无</p>").ToString();
        }

        html.Append("<table class=\"checklist\"><thead><tr><th>核查事项</th><th>条款</th><th>模块</th><th>系统预填</th></tr></thead><tbody>");
        foreach (var item in items)
        {
            html.Append("<tr><td>").Append(E(item.Zh)).Append("</td><td>").Append(E(item.Clause)).Append("</td><td>").Append(E(ApplicationModules.Label(item.Module)))
                .Append("</td><td>").Append(E(item.Prefilled)).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
