using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.Intake.Features.SubmitApplication.Rules;

namespace TitleReview.Intake.Features.Resubmission;

/// <summary>
/// The pure decision of a resubmission: the application as the ledger reads it, Intake's file of it and the facts the
/// rules need (with the validated request) give either the <see cref="ApplicationResubmitted"/> naming the changed
/// modules, or a refusal: no open revision request (409), or broken hard rules (422; not the window or the level slot,
/// which the application already holds).
/// </summary>
public static class ResubmitApplication
{
    /// <summary>Rules a resubmission does not run again: it keeps its place in the window and its level slot.</summary>
    public static readonly IReadOnlySet<string> HeldRules = new HashSet<string>(StringComparer.Ordinal) { "window", "one-application-per-level" };

    public static Decision<ApplicationResubmitted> Decide(ApplicationLifecycle application, ApplicationFile file, SubmissionFacts facts,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(facts);
        if (!application.RevisionOpen)
        {
            return Refusal.Conflict("revision-not-open", new Bilingual(
                $"该申报当前为“{application.Status.Chinese()}”，没有待修改的退回意见，不能重新提交。",
                $"The application is '{application.Status.English()}' with no open revision request; it cannot be resubmitted."));
        }

        var violations = SubmissionRules.Check(facts).Where(v => !HeldRules.Contains(v.Rule)).ToList();
        if (violations.Count > 0)
        {
            return SubmissionRefusal.Of(violations);
        }

        var request = facts.Request;
        var name = request.ApplicantName!.Trim();
        var employer = request.Employer!.Trim();
        var series = request.Series!.Trim();
        var specialty = request.Specialty!.Trim();
        return new ApplicationResubmitted(file.Id, ChangedModules(file, request, name, employer, series, specialty), now,
            name != file.ApplicantName ? name : null, employer != file.Employer ? employer : null,
            series != file.Series ? series : null, specialty != file.Specialty ? specialty : null,
            SubmissionFactsReader.ForLedger(request.Dossier), ReviewerChecklist.For(facts), SubmissionFactsReader.References(facts));
    }

    /// <summary>The modules the reviewer sees marked: the declaration's two parts, then every dossier module that differs.</summary>
    private static List<string> ChangedModules(ApplicationFile file, SubmitApplicationRequest request, string name, string employer,
        string series, string specialty)
    {
        var changed = new List<string>();
        if (name != file.ApplicantName || employer != file.Employer)
        {
            changed.Add(ApplicationModules.Basic);
        }

        if (series != file.Series || specialty != file.Specialty)
        {
            changed.Add(ApplicationModules.Declaration);
        }

        changed.AddRange(DossierChanges.Between(file.Dossier, request.Dossier).Where(module => !changed.Contains(module)));
        return changed;
    }
}
