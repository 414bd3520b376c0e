using TitleReview.Contracts.Applications;
using TitleReview.Contracts.Events;

namespace TitleReview.Domain.Lifecycle;

/// <summary>The application's modules, checklist and attachments as last submitted, folded from its stream's event data (Review shows them, Certificate prints them).</summary>
public sealed record LatestDossier(int SchemaVersion, Dossier? Dossier, IReadOnlyList<ChecklistItem> Checklist, IReadOnlyList<AttachmentReference> Attachments)
{
    public static LatestDossier From(IEnumerable<object> history)
    {
        var latest = new LatestDossier(1, null, [], []);
        foreach (var data in history)
        {
            latest = data switch
            {
                ApplicationSubmitted submitted => new(submitted.SchemaVersion, submitted.Dossier, submitted.Checklist ?? [], submitted.Attachments ?? []),
                ApplicationResubmitted { Dossier: not null } resubmitted => new(2, resubmitted.Dossier, resubmitted.Checklist ?? [], resubmitted.Attachments ?? []),
                _ => latest,
            };
        }

        return latest;
    }
}
