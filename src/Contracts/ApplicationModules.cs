namespace TitleReview.Contracts;

/// <summary>
/// The modules of an application as reviewers comment on them and Intake reports them changed: the declaration
/// (series, specialty, level, cycle) and the notice's 13 modules (评审填报须知 二), in the notice's order.
/// Events and documents store the stable English code; the Chinese label is display text, looked up with
/// <see cref="Label"/>. Events written before the codes hold the label: the event store upcasts them with
/// <see cref="CodeOf"/>, and requests may still name a module by its label.
/// </summary>
public static class ApplicationModules
{
    /// <summary>(一) 基本信息: name, 身份证 number, employer, and in schema v2 the rest of the basic module.</summary>
    public const string Basic = "Basic";

    /// <summary>申报信息: series, specialty, level, cycle.</summary>
    public const string Declaration = "Declaration";

    public const string Education = "Education";
    public const string Qualifications = "Qualifications";
    public const string ContinuingEducation = "ContinuingEducation";
    public const string Awards = "Awards";
    public const string WorkHistory = "WorkHistory";
    public const string Patents = "Patents";
    public const string Exceptional = "Exceptional";
    public const string WorkSummary = "WorkSummary";
    public const string Performance = "Performance";
    public const string AcademicOutputs = "AcademicOutputs";
    public const string Assessments = "Assessments";
    public const string UnitConsent = "UnitConsent";

    /// <summary>Schema version 1 has only these two.</summary>
    public static IReadOnlyList<string> DeclarationOnly { get; } = [Basic, Declaration];

    public static IReadOnlyList<string> All { get; } =
    [
        Basic, Declaration, Education, Qualifications, ContinuingEducation, Awards, WorkHistory, Patents, Exceptional,
        WorkSummary, Performance, AcademicOutputs, Assessments, UnitConsent,
    ];

    /// <summary>Code → Chinese label, as the notice names each module; the labels were the stored values before.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [Basic] = "基本信息",
        [Declaration] = "申报信息",
        [Education] = "学历情况",
        [Qualifications] = "专业技术资格",
        [ContinuingEducation] = "继续教育情况",
        [Awards] = "奖励情况",
        [WorkHistory] = "工作经历",
        [Patents] = "发明专利",
        [Exceptional] = "破格申报材料",
        [WorkSummary] = "工作总结",
        [Performance] = "工作业绩",
        [AcademicOutputs] = "学术成果",
        [Assessments] = "年度考核",
        [UnitConsent] = "单位同意证明",
    };

    private static readonly Dictionary<string, string> CodesByLabel =
        Labels.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>True for a module code or a module's Chinese label; <paramref name="code"/> is then the code.</summary>
    public static bool TryParse(string? codeOrLabel, out string code)
    {
        var trimmed = codeOrLabel?.Trim() ?? "";
        if (Labels.ContainsKey(trimmed))
        {
            code = trimmed;
            return true;
        }

        return CodesByLabel.TryGetValue(trimmed, out code!);
    }

    /// <summary>
    /// The code of a module named by code or label; anything else comes back unchanged, so an upcaster or a reader
    /// of old documents never loses a value it does not know.
    /// </summary>
    public static string CodeOf(string codeOrLabel) => TryParse(codeOrLabel, out var code) ? code : codeOrLabel;

    /// <summary>The Chinese label of a module named by code or (old documents) label; anything else unchanged.</summary>
    public static string Label(string codeOrLabel) =>
        Labels.TryGetValue(CodeOf(codeOrLabel), out var label) ? label : codeOrLabel;
}
