using TitleReview.Contracts;
using TitleReview.Domain.Cycles;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// 三(六): 同一单位申报相同职称系列（专业）相同层级的人员应统一报送同一评委会 — the committee an employer's first
/// application of a year, series and level went to. Inserted with that application, so two first applications racing
/// to different committees cannot both get in; kept for the year.
/// </summary>
public sealed class EmployerCommittee
{
    public string Id { get; set; } = "";
    public string CommitteeId { get; set; } = "";
    public string CommitteeName { get; set; } = "";
    public Guid FirstApplicationId { get; set; }

    /// <summary>
    /// By the employer's name, normalised (full-width folded, no spaces, upper case), and the grade (中级/初级) — never by
    /// the credit code, which a portal sends for some applicants of an employer and not for others: keyed by the code
    /// when present, one employer would be two keys and could reach two committees.
    /// </summary>
    public static string IdOf(int year, string employer, string series, TitleLevel level) =>
        $"{year}:{Comparable(employer)}:{Comparable(series)}:{LevelSlot.GradeOf(level)}";

    public static string IdOf(ReviewCycle cycle, SubmitApplicationRequest request) =>
        IdOf(cycle.Year, request.Employer!, request.Series!, request.ParsedLevel);

    private static string Comparable(string text) =>
        string.Concat(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}

public sealed class OneCommitteePerEmployer : ISubmissionRule
{
    public string Code => "one-committee-per-employer";
    public string Clause => "三(六)";

    public IEnumerable<Violation> Check(SubmissionFacts facts) =>
        facts.EmployerChoice is { } chosen && chosen.CommitteeId != facts.Cycle.CommitteeId
            ? [new(Code, Clause, "employer",
                $"本单位本年度{facts.Request.Series}系列{facts.Level.Grade()}的申报已报送“{chosen.CommitteeName}”，同一单位应统一报送同一评委会，不得多头报送（通知 {Clause}）。",
                $"This employer's {facts.Cycle.Year} applications for this series and level already go to '{chosen.CommitteeName}'; one committee per employer (notice {Clause}).")]
            : [];
}
