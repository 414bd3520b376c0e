namespace TitleReview.Contracts;

/// <summary>
/// The modules of an application as reviewers comment on them and Intake reports them changed. Version 1 of the
/// portal's application has two; the notice's 13 modules (评审填报须知 二) come with the full application.
/// </summary>
public static class ApplicationModules
{
    /// <summary>基本信息: name, 身份证 number, employer.</summary>
    public const string Basic = "基本信息";

    /// <summary>申报信息: series, specialty, level, cycle.</summary>
    public const string Declaration = "申报信息";

    public static IReadOnlyList<string> All { get; } = [Basic, Declaration];
}
