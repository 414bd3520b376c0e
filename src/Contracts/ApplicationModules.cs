namespace TitleReview.Contracts;

/// <summary>
/// The modules of an application as reviewers comment on them and Intake reports them changed: the declaration
/// (series, specialty, level, cycle) and the notice's 13 modules (评审填报须知 二), in the notice's order.
/// </summary>
public static class ApplicationModules
{
    /// <summary>(一) 基本信息: name, 身份证 number, employer, and in schema v2 the rest of the basic module.</summary>
    public const string Basic = "基本信息";

    /// <summary>申报信息: series, specialty, level, cycle.</summary>
    public const string Declaration = "申报信息";

    public const string Education = "学历情况";
    public const string Qualifications = "专业技术资格";
    public const string ContinuingEducation = "继续教育情况";
    public const string Awards = "奖励情况";
    public const string WorkHistory = "工作经历";
    public const string Patents = "发明专利";
    public const string Exceptional = "破格申报材料";
    public const string WorkSummary = "工作总结";
    public const string Performance = "工作业绩";
    public const string AcademicOutputs = "学术成果";
    public const string Assessments = "年度考核";
    public const string UnitConsent = "单位同意证明";

    /// <summary>Schema version 1 has only these two.</summary>
    public static IReadOnlyList<string> DeclarationOnly { get; } = [Basic, Declaration];

    public static IReadOnlyList<string> All { get; } =
    [
        Basic, Declaration, Education, Qualifications, ContinuingEducation, Awards, WorkHistory, Patents, Exceptional, WorkSummary, Performance,
        AcademicOutputs, Assessments, UnitConsent,
    ];
}
