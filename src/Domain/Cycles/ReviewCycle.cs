using TitleReview.Contracts;

namespace TitleReview.Domain.Cycles;

/// <summary>
/// One committee's review for one year (design.md, Review cycle). Shipped as data: another year or committee is a
/// new JSON file, not new code. Fees are not here: they follow the province's price rules and come from configuration.
/// </summary>
public sealed record ReviewCycle(
    string Id,
    string CommitteeId,
    string CommitteeName,
    string CommitteeCode,
    int Year,
    string Source,
    IReadOnlyList<TitleLevel> Levels,
    IReadOnlyList<string> ExcludedSpecialties,
    DateOnly SubmissionOpens,
    DateOnly SubmissionCloses,
    DateOnly SeniorityCutoff,
    DateOnly AchievementsCutoff,
    int PublicityWorkingDays,
    int PaymentDueWorkingDays,
    int QuorumNumerator,
    int QuorumDenominator,
    int PassNumerator,
    int PassDenominator,
    IReadOnlyList<SeniorityStandard>? Seniority = null,
    IReadOnlyDictionary<int, decimal>? ContinuingEducationHours = null,
    string? SeniorityStandardSource = null,
    IReadOnlyList<string>? Series = null,
    IReadOnlyList<string>? ExcludedSpecialtyNames = null)
{
    /// <summary>
    /// The notice's preamble (工程类（交通、水利除外）): the series this committee reviews; null or empty: any.
    /// Compared exactly, after trimming and folding full-width characters.
    /// </summary>
    public bool ReviewsSeries(string series) => Series is not { Count: > 0 } || Series.Any(s => Comparable(s) == Comparable(series));

    /// <summary>
    /// The specialty names refused as belonging to an excluded sector (<see cref="ExcludedSpecialties"/>: 交通、水利), matched
    /// exactly — a name that merely contains a sector (交通信号控制) is not refused by a substring but left to the reviewer.
    /// </summary>
    public bool ExcludesSpecialty(string specialty) => ExcludedSpecialtyNames?.Any(s => Comparable(s) == Comparable(specialty)) == true;

    /// <summary>The excluded sector a specialty's name mentions, if any (for the message and the reviewer's check).</summary>
    public string? SectorMentionedBy(string specialty) => ExcludedSpecialties.FirstOrDefault(sector => Comparable(specialty).Contains(Comparable(sector), StringComparison.Ordinal));

    private static string Comparable(string text) => string.Concat(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The standard for applying at a level with an education, or null when that education cannot apply there.</summary>
    public SeniorityStandard? SeniorityFor(TitleLevel level, string education) =>
        Seniority?.FirstOrDefault(s => s.Level == level && s.Education == education);

    /// <summary>
    /// At least the quorum fraction of the members must be present (default 2/3). Counts no meeting can have are no
    /// quorum; the products are taken in long, where int × int cannot overflow (in int, 2^30 × 2 wrapped negative).
    /// </summary>
    public bool HasQuorum(int membersTotal, int membersPresent) =>
        membersTotal > 0 && membersPresent >= 0 && membersPresent <= membersTotal
        && (long)membersPresent * QuorumDenominator >= (long)membersTotal * QuorumNumerator;

    /// <summary>Yes votes must reach the pass fraction of those present (default 2/3); more yes votes than people present is no pass.</summary>
    public bool Passes(int membersPresent, int votesFor) =>
        membersPresent > 0 && votesFor >= 0 && votesFor <= membersPresent
        && (long)votesFor * PassDenominator >= (long)membersPresent * PassNumerator;
}

/// <summary>
/// One line of the national standard (人社部发〔2019〕16号): applying at <see cref="Level"/> with <see cref="Education"/>
/// needs <see cref="Years"/> of technical work, counted from obtaining <see cref="AfterTitle"/> when it names one,
/// otherwise from graduation; both to the cycle's seniority cut-off.
/// </summary>
public sealed record SeniorityStandard(TitleLevel Level, string Education, TitleLevel? AfterTitle, int Years);
