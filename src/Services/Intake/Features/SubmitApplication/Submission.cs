using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Intake.Features.SubmitApplication.Rules;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>
/// The pure decision of a submission: given what Intake holds about the person, the employer and the cycle (the
/// <see cref="SubmissionFacts"/>, with the validated request in them), the new application's id and the moment, either
/// the <see cref="ApplicationSubmitted"/> to start its stream with, or a refusal listing every broken hard rule.
/// </summary>
public static class Submission
{
    public static Decision<ApplicationSubmitted> Decide(SubmissionFacts state, Guid id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var violations = SubmissionRules.Check(state);
        if (violations.Count > 0)
        {
            return SubmissionRefusal.Of(violations);
        }

        var request = state.Request;
        return new ApplicationSubmitted(id, request.ApplicantName!.Trim(), request.Employer!.Trim(), request.Series!.Trim(),
            request.Specialty!.Trim(), request.ParsedLevel, state.Cycle.Id, now, request.SchemaVersion!.Value,
            SubmissionFactsReader.ForLedger(request.Dossier), ReviewerChecklist.For(state),
            SubmissionFactsReader.References(state));
    }
}

/// <summary>
/// The 422 a submission or resubmission answers when hard rules are broken: every violation listed (rule, clause,
/// field, zh, en), the first one's rule, clause and field also at the top for simple clients.
/// </summary>
public static class SubmissionRefusal
{
    public static Refusal Of(IReadOnlyList<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            throw new ArgumentException("A refusal names at least one violation.", nameof(violations));
        }

        var reason = new Bilingual(string.Join(" ", violations.Select(v => v.Zh)), string.Join(" ", violations.Select(v => v.En)));
        return Refusal.BreaksRule(violations[0].Rule, violations[0].Clause, reason) with
        {
            Facts = new Dictionary<string, object?> { ["field"] = violations[0].Field, ["violations"] = violations },
        };
    }
}
