using Marten;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// The one active application a person may have per level and cycle (三(六)), keyed by cycle, 身份证 number and level.
/// Inserted in the same transaction as the application, so two submissions racing each other cannot both get in;
/// freed when the application ends (withdrawn, rejected, lapsed, …).
/// </summary>
public sealed class LevelSlot
{
    public string Id { get; set; } = "";
    public Guid ApplicationId { get; set; }

    public static string IdOf(string cycleId, string idNumber, TitleReview.Contracts.TitleLevel level) =>
        $"{cycleId}:{IntegrityRegister.IntegrityRecord.KeyOf(idNumber)}:{level}";
}

public static class LevelSlots
{
    /// <summary>Frees the person's slot for the level when this application held it and has ended.</summary>
    public static async Task FreeAsync(IDocumentSession session, TitleReview.Intake.Features.Status.ApplicationFile file, CancellationToken cancellationToken)
    {
        var id = LevelSlot.IdOf(file.CycleId, file.IdNumber, file.Level);
        if (await session.LoadAsync<LevelSlot>(id, cancellationToken) is { } slot && slot.ApplicationId == file.Id)
        {
            session.Delete<LevelSlot>(id);
        }
    }
}
