using System.Text.Json;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;

namespace TitleReview.Intake.Features.Resubmission;

/// <summary>Which of the 13 modules differ between two dossiers, compared by their JSON form (what the portal sent).</summary>
public static class DossierChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEnumerable<string> Between(Dossier? before, Dossier? after)
    {
        (string Module, Func<Dossier?, object?> Part)[] modules =
        [
            (ApplicationModules.Basic, d => d?.Basic),
            (ApplicationModules.Education, d => d?.Education),
            (ApplicationModules.Qualifications, d => d?.Qualifications),
            (ApplicationModules.ContinuingEducation, d => d?.ContinuingEducation),
            (ApplicationModules.Awards, d => d?.Awards),
            (ApplicationModules.WorkHistory, d => d?.WorkHistory),
            (ApplicationModules.Patents, d => d?.Patents),
            (ApplicationModules.Exceptional, d => d?.Exceptional),
            (ApplicationModules.WorkSummary, d => d?.WorkSummary),
            (ApplicationModules.Performance, d => d?.Performance),
            (ApplicationModules.AcademicOutputs, d => d?.AcademicOutputs),
            (ApplicationModules.Assessments, d => d?.Assessments),
            (ApplicationModules.UnitConsent, d => d?.UnitConsent),
        ];
        return modules.Where(m => JsonSerializer.Serialize(m.Part(before), Json) != JsonSerializer.Serialize(m.Part(after), Json)).Select(m => m.Module);
    }
}
