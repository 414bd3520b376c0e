using TitleReview.Contracts.Cycles;
using TitleReview.Intake.Features.IntegrityRegister;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>One broken rule: its code, the notice's clause, the field it concerns, and what to do, in Chinese and English.</summary>
public sealed record Violation(string Rule, string Clause, string Field, string Zh, string En);

/// <summary>What the hard rules look at: the request, its cycle, business today, and what Intake already holds about the person.</summary>
public sealed record SubmissionFacts(SubmitApplicationRequest Request, ReviewCycle Cycle, DateOnly Today, IntegrityRecord? Integrity, Guid? ActiveSameLevel);

/// <summary>A hard rule: it refuses the submission (HTTP 422) when it finds a violation.</summary>
public interface ISubmissionRule
{
    string Code { get; }

    string Clause { get; }

    Violation? Check(SubmissionFacts facts);
}
