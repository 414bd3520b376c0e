using TitleReview.Contracts.Applications;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>
/// The shape of a version 2 dossier, before any rule: the required modules are there (评审填报须知 一3: 带星号项为必填),
/// every choice is one of the known values, and text stays within sensible lengths. Problems are HTTP 400 by field path.
/// </summary>
public static class DossierValidation
{
    private const int MaxText = 500;
    private const int MaxItems = 50;

    public static void Validate(Dossier? dossier, Dictionary<string, string[]> errors)
    {
        void Fail(string field, string zh, string en) => errors[field] = [$"{zh} / {en}"];
        void Choice(string field, string? value, IReadOnlyDictionary<string, string> allowed, bool required = true)
        {
            if (value is null ? required : !allowed.ContainsKey(value))
            {
                Fail(field, $"须为以下之一：{string.Join("、", allowed.Select(a => $"{a.Key}（{a.Value}）"))}。", $"Must be one of {string.Join(", ", allowed.Keys)}.");
            }
        }

        void Text(string field, string? value, bool required = true)
        {
            if (string.IsNullOrWhiteSpace(value) ? required : value.Length > MaxText)
            {
                Fail(field, required && string.IsNullOrWhiteSpace(value) ? "必填项。" : $"不能超过{MaxText}个字符。", required && string.IsNullOrWhiteSpace(value) ? "Required." : $"At most {MaxText} characters.");
            }
        }

        void List<T>(string field, IReadOnlyList<T>? items, string module, bool required)
        {
            if (items is null || items.Count == 0 ? required : items.Count > MaxItems)
            {
                Fail(field, items is { Count: > MaxItems } ? $"{module}最多{MaxItems}项。" : $"缺少“{module}”模块。", items is { Count: > MaxItems } ? $"At most {MaxItems} items." : $"The {field} module is required.");
            }
        }

        if (dossier is null)
        {
            Fail("dossier", "第2版申报须包含 dossier（13个模块）。", "Schema version 2 needs the dossier (the 13 modules).");
            return;
        }

        // A null entry in a module's list (JSON "[null]") has no fields to check; every rule after this reads each
        // entry's fields, so the shape is refused here, by the entry's path, before anything reads it.
        void NoNullEntries<T>(string field, IReadOnlyList<T>? items)
            where T : class
        {
            for (var i = 0; items is not null && i < items.Count; i++)
            {
                if (items[i] is null)
                {
                    Fail($"{field}[{i}]", "列表中不能有空项（null）。", "A list entry cannot be null.");
                }
            }
        }

        NoNullEntries("dossier.education", dossier.Education);
        NoNullEntries("dossier.qualifications.industry", dossier.Qualifications?.Industry);
        NoNullEntries("dossier.continuingEducation", dossier.ContinuingEducation);
        NoNullEntries("dossier.awards", dossier.Awards);
        NoNullEntries("dossier.workHistory", dossier.WorkHistory);
        NoNullEntries("dossier.patents", dossier.Patents);
        NoNullEntries("dossier.performance", dossier.Performance);
        NoNullEntries("dossier.academicOutputs", dossier.AcademicOutputs);
        NoNullEntries("dossier.assessments", dossier.Assessments);
        if (errors.Count > 0)
        {
            return;
        }

        if (dossier.Basic is not { } basic)
        {
            Fail("dossier.basic", "缺少“基本信息”模块。", "The basic module is required.");
        }
        else
        {
            if (basic.WorkStartedOn is null)
            {
                Fail("dossier.basic.workStartedOn", "必须填写参加工作时间。", "workStartedOn is required.");
            }

            Choice("dossier.basic.residency", basic.Residency, Vocabulary.Residency);
            Choice("dossier.basic.foreignPermit", basic.ForeignPermit, Vocabulary.ForeignPermit, required: false);
            Choice("dossier.basic.route", basic.Route, Vocabulary.Route);
            Text("dossier.basic.routeReason", basic.RouteReason, required: basic.Route is "Direct" or "PrivateEnterpriseYoungTalent");
            Text("dossier.basic.phone", basic.Phone);
            if (basic.CivilServant is null || basic.Retired is null)
            {
                Fail("dossier.basic.civilServant", "须声明是否为公务员、是否已离退休。", "civilServant and retired must be stated.");
            }

            if (basic.PhotoId is null)
            {
                Fail("dossier.basic.photoId", "须上传本人照片（JPG）。", "A photo (JPEG) is required.");
            }
        }

        List("dossier.education", dossier.Education, "学历情况", required: true);
        foreach (var (education, i) in (dossier.Education ?? []).Select((e, i) => (e, i)))
        {
            Choice($"dossier.education[{i}].level", education.Level, Vocabulary.EducationLevel, required: education.Evidence != "TechnicalSchool");
            Choice($"dossier.education[{i}].evidence", education.Evidence, Vocabulary.EducationEvidence);
            Text($"dossier.education[{i}].school", education.School);
            Text($"dossier.education[{i}].major", education.Major);
            if (education.GraduatedOn is null)
            {
                Fail($"dossier.education[{i}].graduatedOn", "必须填写毕业日期。", "graduatedOn is required.");
            }
        }

        if (dossier.Qualifications?.CurrentTitle is not { } title)
        {
            Fail("dossier.qualifications.currentTitle", "缺少“专业技术资格”模块（无职称请填 None）。", "The current title is required (level None if none).");
        }
        else
        {
            Choice("dossier.qualifications.currentTitle.level", title.Level, Vocabulary.CurrentTitleLevel);
            if (title.Level is not (null or "None") && title.ObtainedOn is null)
            {
                Fail("dossier.qualifications.currentTitle.obtainedOn", "必须填写取得现职称的日期。", "obtainedOn is required.");
            }
        }

        List("dossier.qualifications.industry", dossier.Qualifications?.Industry, "行业准入资格", required: false);
        List("dossier.continuingEducation", dossier.ContinuingEducation, "继续教育情况", required: false);
        foreach (var (year, i) in (dossier.ContinuingEducation ?? []).Select((y, i) => (y, i)))
        {
            if (year.Year is < 1990 or > 2100 || year.Hours is < 0 or > 10000)
            {
                Fail($"dossier.continuingEducation[{i}]", "年度或学时数不合理。", "Year or hours out of range.");
            }
        }

        List("dossier.awards", dossier.Awards, "奖励情况", required: false);
        List("dossier.workHistory", dossier.WorkHistory, "工作经历", required: true);
        foreach (var (period, i) in (dossier.WorkHistory ?? []).Select((p, i) => (p, i)))
        {
            Text($"dossier.workHistory[{i}].employer", period.Employer);
        }

        List("dossier.patents", dossier.Patents, "发明专利", required: false);
        foreach (var (patent, i) in (dossier.Patents ?? []).Select((p, i) => (p, i)))
        {
            Choice($"dossier.patents[{i}].kind", patent.Kind, Vocabulary.PatentKind);
            Text($"dossier.patents[{i}].title", patent.Title);
        }

        if (dossier.WorkSummary?.DocumentId is null)
        {
            Fail("dossier.workSummary.documentId", "缺少“工作总结”模块（DOC/DOCX）。", "The work summary (DOC/DOCX) is required.");
        }

        List("dossier.performance", dossier.Performance, "工作业绩", required: true);
        var performanceIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, i) in (dossier.Performance ?? []).Select((p, i) => (p, i)))
        {
            Text($"dossier.performance[{i}].id", item.Id);
            Text($"dossier.performance[{i}].title", item.Title);
            Text($"dossier.performance[{i}].role", item.Role);
            if (item.Id is not null && !performanceIds.Add(item.Id))
            {
                Fail($"dossier.performance[{i}].id", "业绩编号重复。", "Duplicate performance item id.");
            }
        }

        List("dossier.academicOutputs", dossier.AcademicOutputs, "学术成果", required: true);
        foreach (var (output, i) in (dossier.AcademicOutputs ?? []).Select((o, i) => (o, i)))
        {
            Text($"dossier.academicOutputs[{i}].title", output.Title);
            if (output.Kind is null || !Vocabulary.OutputKind.ContainsKey(output.Kind) && !Vocabulary.ExcludedOutputKind.ContainsKey(output.Kind))
            {
                Choice($"dossier.academicOutputs[{i}].kind", output.Kind, Vocabulary.OutputKind);
            }

            Text($"dossier.academicOutputs[{i}].language", output.Language);
        }

        List("dossier.assessments", dossier.Assessments, "年度考核", required: false);
        if (dossier.UnitConsent is null)
        {
            Fail("dossier.unitConsent", "缺少“单位同意证明”模块。", "The unit consent module is required.");
        }
    }
}
