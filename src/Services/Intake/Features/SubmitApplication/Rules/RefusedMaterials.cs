using Marten;
using TitleReview.Domain.Cycles;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Status;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// The academic outputs (by SHA-256) of a person's applications refused in one year, for 四(四) the year after. Fed
/// when an application here ends rejected or failed by the committee, and by import for years before this system.
/// </summary>
public sealed class RefusedMaterials
{
    public string Id { get; set; } = "";
    public List<string> Sha256 { get; set; } = [];

    public static string IdOf(int year, string idNumber) => $"{year}:{IntegrityRecord.KeyOf(idNumber)}";

    /// <summary>Remembers the refused application's academic outputs under its cycle's year (none known: nothing to key them by).</summary>
    public static async Task RememberAsync(IDocumentSession session, ApplicationFile file, ReviewCycle? cycle, CancellationToken cancellationToken)
    {
        var outputs = file.Attachments.Where(a => a.Field.StartsWith("dossier.academicOutputs[", StringComparison.Ordinal) && a.Field.EndsWith(".documentId", StringComparison.Ordinal))
            .Select(a => a.Sha256).ToList();
        if (outputs.Count == 0 || cycle is null)
        {
            return;
        }

        var id = IdOf(cycle.Year, file.IdNumber);
        var known = await session.LoadAsync<RefusedMaterials>(id, cancellationToken) ?? new RefusedMaterials { Id = id };
        known.Sha256 = [.. known.Sha256.Union(outputs)];
        session.Store(known);
    }
}
