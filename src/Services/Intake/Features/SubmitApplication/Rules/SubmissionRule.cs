using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.WorkingDays;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.IntegrityRegister;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>One broken rule: its code, the notice's clause, the field it concerns, and what to do, in Chinese and English.</summary>
public sealed record Violation(string Rule, string Clause, string Field, string Zh, string En);

/// <summary>
/// What the rules look at: the request, its cycle, business today, what Intake already holds about the person (the
/// application holding their slot of the year and grade, and who submitted it), the attachments the application names
/// (as stored), who submits it, and the official working-day calendar.
/// </summary>
public sealed record SubmissionFacts(
    SubmitApplicationRequest Request,
    ReviewCycle Cycle,
    DateOnly Today,
    IntegrityRecord? Integrity,
    Guid? ActiveSameLevel,
    IReadOnlyDictionary<Guid, StoredAttachment>? Attachments = null,
    string Submitter = "",
    WorkingDayCalendar? Calendar = null,
    IReadOnlySet<string>? RefusedLastCycleHashes = null,
    EmployerCommittee? EmployerChoice = null,
    string? SameLevelSubmitter = null)
{
    /// <summary>Whether the application holding the person's slot (<see cref="ActiveSameLevel"/>) was submitted by this caller.</summary>
    public bool SameLevelIsOwn => SameLevelSubmitter is not null && SameLevelSubmitter == Submitter;

    public Dossier? Dossier => Request.Dossier;

    public TitleLevel Level => Request.ParsedLevel;

    public WorkingDayCalendar WorkingDays => Calendar ?? WorkingDayCalendar.Official;
}

/// <summary>A hard rule: it refuses the submission (HTTP 422) with every violation it finds.</summary>
public interface ISubmissionRule
{
    string Code { get; }

    string Clause { get; }

    IEnumerable<Violation> Check(SubmissionFacts facts);
}

/// <summary>A rule that needs a human eye: it adds checklist items for the reviewer, pre-filled by what could be checked.</summary>
public interface IChecklistRule
{
    IEnumerable<ChecklistItem> Items(SubmissionFacts facts);
}
