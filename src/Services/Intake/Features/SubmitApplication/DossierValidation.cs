using TitleReview.Contracts.Applications;
using TitleReview.Domain;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>One field at fault in a request and what is wrong with it.</summary>
public sealed record FieldError(string Field, Bilingual Message);

/// <summary>
/// The shape of a version 2 dossier, before any rule: the required modules are there (评审填报须知 一3: 带星号项为必填),
/// every choice is one of the known values, and text stays within sensible lengths. Problems are HTTP 400 by field path.
/// Each module has its own validator; <see cref="Errors"/> runs them in the notice's order.
/// </summary>
public static class DossierValidation
{
    public const int MaxText = 500;
    public const int MaxItems = 50;

    /// <summary>Adds every error to <paramref name="errors"/> by field path (a later error on a field replaces an earlier one).</summary>
    public static void Validate(Dossier? dossier, Dictionary<string, Bilingual[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in Errors(dossier))
        {
            errors[error.Field] = [error.Message];
        }
    }

    /// <summary>Every shape error of the dossier, in the order the modules appear in the notice.</summary>
    public static IReadOnlyList<FieldError> Errors(Dossier? dossier)
    {
        if (dossier is null)
        {
            return [Fail("dossier", "第2版申报须包含 dossier（13个模块）。", "Schema version 2 needs the dossier (the 13 modules).")];
        }

        // Every validator after this one reads each entry's fields, so a null entry stops the check here.
        var nulls = NullEntries(dossier);
        return nulls.Count > 0
            ? nulls
            : [.. Basic(dossier.Basic), .. Education(dossier.Education), .. Qualifications(dossier.Qualifications),
               .. ContinuingEducation(dossier.ContinuingEducation), .. Awards(dossier.Awards), .. WorkHistory(dossier.WorkHistory),
               .. Patents(dossier.Patents), .. WorkSummary(dossier.WorkSummary), .. Performance(dossier.Performance),
               .. AcademicOutputs(dossier.AcademicOutputs), .. Assessments(dossier.Assessments), .. UnitConsent(dossier.UnitConsent)];
    }

    /// <summary>A null entry in a module's list (JSON "[null]") has no fields to check: refused by the entry's path.</summary>
    public static IReadOnlyList<FieldError> NullEntries(Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return [.. NullsIn("dossier.education", dossier.Education), .. NullsIn("dossier.qualifications.industry", dossier.Qualifications?.Industry),
            .. NullsIn("dossier.continuingEducation", dossier.ContinuingEducation), .. NullsIn("dossier.awards", dossier.Awards),
            .. NullsIn("dossier.workHistory", dossier.WorkHistory), .. NullsIn("dossier.patents", dossier.Patents),
            .. NullsIn("dossier.performance", dossier.Performance), .. NullsIn("dossier.academicOutputs", dossier.AcademicOutputs),
            .. NullsIn("dossier.assessments", dossier.Assessments)];
    }

    public static IEnumerable<FieldError> Basic(BasicInformation? basic)
    {
        if (basic is null)
        {
            return [Fail("dossier.basic", "缺少“基本信息”模块。", "The basic module is required.")];
        }

        List<FieldError> errors = [];
        if (basic.WorkStartedOn is null)
        {
            errors.Add(Fail("dossier.basic.workStartedOn", "必须填写参加工作时间。", "workStartedOn is required."));
        }

        errors.AddRange(Choice("dossier.basic.residency", basic.Residency, Vocabulary.Residency));
        errors.AddRange(Choice("dossier.basic.foreignPermit", basic.ForeignPermit, Vocabulary.ForeignPermit, required: false));
        errors.AddRange(Choice("dossier.basic.route", basic.Route, Vocabulary.Route));
        errors.AddRange(Text("dossier.basic.routeReason", basic.RouteReason, required: basic.Route is "Direct" or "PrivateEnterpriseYoungTalent"));
        errors.AddRange(Text("dossier.basic.phone", basic.Phone));
        if (basic.CivilServant is null || basic.Retired is null)
        {
            errors.Add(Fail("dossier.basic.civilServant", "须声明是否为公务员、是否已离退休。", "civilServant and retired must be stated."));
        }

        if (basic.PhotoId is null)
        {
            errors.Add(Fail("dossier.basic.photoId", "须上传本人照片（JPG）。", "A photo (JPEG) is required."));
        }

        return errors;
    }

    public static IEnumerable<FieldError> Education(IReadOnlyList<EducationRecord>? education)
    {
        List<FieldError> errors = [.. List("dossier.education", education, "学历情况", required: true)];
        foreach (var (record, i) in (education ?? []).Select((e, i) => (e, i)))
        {
            var path = $"dossier.education[{i}]";
            errors.AddRange(Choice($"{path}.level", record.Level, Vocabulary.EducationLevel, required: record.Evidence != "TechnicalSchool"));
            errors.AddRange(Choice($"{path}.evidence", record.Evidence, Vocabulary.EducationEvidence));
            errors.AddRange(Text($"{path}.school", record.School));
            errors.AddRange(Text($"{path}.major", record.Major));
            if (record.GraduatedOn is null)
            {
                errors.Add(Fail($"{path}.graduatedOn", "必须填写毕业日期。", "graduatedOn is required."));
            }
        }

        return errors;
    }

    public static IEnumerable<FieldError> Qualifications(Qualifications? qualifications)
    {
        List<FieldError> errors = [];
        if (qualifications?.CurrentTitle is not { } title)
        {
            errors.Add(Fail("dossier.qualifications.currentTitle", "缺少“专业技术资格”模块（无职称请填 None）。", "The current title is required (level None if none)."));
        }
        else
        {
            errors.AddRange(Choice("dossier.qualifications.currentTitle.level", title.Level, Vocabulary.CurrentTitleLevel));
            if (title.Level is not (null or "None") && title.ObtainedOn is null)
            {
                errors.Add(Fail("dossier.qualifications.currentTitle.obtainedOn", "必须填写取得现职称的日期。", "obtainedOn is required."));
            }
        }

        errors.AddRange(List("dossier.qualifications.industry", qualifications?.Industry, "行业准入资格", required: false));
        return errors;
    }

    public static IEnumerable<FieldError> ContinuingEducation(IReadOnlyList<ContinuingEducationYear>? years)
    {
        List<FieldError> errors = [.. List("dossier.continuingEducation", years, "继续教育情况", required: false)];
        foreach (var (year, i) in (years ?? []).Select((y, i) => (y, i)))
        {
            if (year.Year is < 1990 or > 2100 || year.Hours is < 0 or > 10000)
            {
                errors.Add(Fail($"dossier.continuingEducation[{i}]", "年度或学时数不合理。", "Year or hours out of range."));
            }
        }

        return errors;
    }

    public static IEnumerable<FieldError> Awards(IReadOnlyList<Award>? awards) => List("dossier.awards", awards, "奖励情况", required: false);

    public static IEnumerable<FieldError> WorkHistory(IReadOnlyList<WorkPeriod>? periods) =>
        [.. List("dossier.workHistory", periods, "工作经历", required: true),
         .. (periods ?? []).SelectMany((period, i) => Text($"dossier.workHistory[{i}].employer", period.Employer))];

    public static IEnumerable<FieldError> Patents(IReadOnlyList<Patent>? patents) =>
        [.. List("dossier.patents", patents, "发明专利", required: false),
         .. (patents ?? []).SelectMany((patent, i) =>
             Choice($"dossier.patents[{i}].kind", patent.Kind, Vocabulary.PatentKind).Concat(Text($"dossier.patents[{i}].title", patent.Title)))];

    public static IEnumerable<FieldError> WorkSummary(WorkSummary? summary) =>
        summary?.DocumentId is null ? [Fail("dossier.workSummary.documentId", "缺少“工作总结”模块（DOC/DOCX）。", "The work summary (DOC/DOCX) is required.")] : [];

    public static IEnumerable<FieldError> Performance(IReadOnlyList<PerformanceItem>? items)
    {
        List<FieldError> errors = [.. List("dossier.performance", items, "工作业绩", required: true)];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, i) in (items ?? []).Select((p, i) => (p, i)))
        {
            errors.AddRange(Text($"dossier.performance[{i}].id", item.Id));
            errors.AddRange(Text($"dossier.performance[{i}].title", item.Title));
            errors.AddRange(Text($"dossier.performance[{i}].role", item.Role));
            if (item.Id is not null && !ids.Add(item.Id))
            {
                errors.Add(Fail($"dossier.performance[{i}].id", "业绩编号重复。", "Duplicate performance item id."));
            }
        }

        return errors;
    }

    public static IEnumerable<FieldError> AcademicOutputs(IReadOnlyList<AcademicOutput>? outputs)
    {
        List<FieldError> errors = [.. List("dossier.academicOutputs", outputs, "学术成果", required: true)];
        foreach (var (output, i) in (outputs ?? []).Select((o, i) => (o, i)))
        {
            errors.AddRange(Text($"dossier.academicOutputs[{i}].title", output.Title));
            if (output.Kind is null || !Vocabulary.OutputKind.ContainsKey(output.Kind) && !Vocabulary.ExcludedOutputKind.ContainsKey(output.Kind))
            {
                errors.AddRange(Choice($"dossier.academicOutputs[{i}].kind", output.Kind, Vocabulary.OutputKind));
            }

            errors.AddRange(Text($"dossier.academicOutputs[{i}].language", output.Language));
        }

        return errors;
    }

    public static IEnumerable<FieldError> Assessments(IReadOnlyList<AnnualAssessment>? assessments) =>
        List("dossier.assessments", assessments, "年度考核", required: false);

    public static IEnumerable<FieldError> UnitConsent(UnitConsent? consent) =>
        consent is null ? [Fail("dossier.unitConsent", "缺少“单位同意证明”模块。", "The unit consent module is required.")] : [];

    private static FieldError Fail(string field, string zh, string en) => new(field, new Bilingual(zh, en));

    private static IEnumerable<FieldError> NullsIn<T>(string field, IReadOnlyList<T>? items)
        where T : class =>
        (items ?? []).Select((item, i) => (item, i)).Where(entry => entry.item is null)
            .Select(entry => Fail($"{field}[{entry.i}]", "列表中不能有空项（null）。", "A list entry cannot be null."));

    private static IEnumerable<FieldError> Choice(string field, string? value, IReadOnlyDictionary<string, string> allowed, bool required = true)
    {
        if (value is null ? required : !allowed.ContainsKey(value))
        {
            yield return Fail(field, $"须为以下之一：{string.Join("、", allowed.Select(a => $"{a.Key}（{a.Value}）"))}。",
                $"Must be one of {string.Join(", ", allowed.Keys)}.");
        }
    }

    private static IEnumerable<FieldError> Text(string field, string? value, bool required = true)
    {
        var missing = required && string.IsNullOrWhiteSpace(value);
        if (string.IsNullOrWhiteSpace(value) ? required : value.Length > MaxText)
        {
            yield return Fail(field, missing ? "必填项。" : $"不能超过{MaxText}个字符。", missing ? "Required." : $"At most {MaxText} characters.");
        }
    }

    private static IEnumerable<FieldError> List<T>(string field, IReadOnlyList<T>? items, string module, bool required)
    {
        var tooMany = items is { Count: > MaxItems };
        if (items is null || items.Count == 0 ? required : tooMany)
        {
            yield return Fail(field, tooMany ? $"{module}最多{MaxItems}项。" : $"缺少“{module}”模块。",
                tooMany ? $"At most {MaxItems} items." : $"The {field} module is required.");
        }
    }
}
