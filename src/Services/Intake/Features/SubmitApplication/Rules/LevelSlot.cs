using Marten;

namespace TitleReview.Intake.Features.SubmitApplication.Rules;

/// <summary>
/// The one active application a person may have per level and year (三(六): 同一年度同一职称层级只能向一个评审委员会提出申请),
/// keyed by year, 身份证 number and level — so also across committees when more than one cycle of a year is loaded.
/// Inserted in the same transaction as the application, so two submissions racing each other cannot both get in;
/// freed when the application ends (withdrawn, rejected, lapsed, …).
/// </summary>
public sealed class LevelSlot
{
    public string Id { get; set; } = "";
    public Guid ApplicationId { get; set; }

    public static string IdOf(int year, string idNumber, TitleReview.Contracts.TitleLevel level) =>
        $"{year}:{IntegrityRegister.IntegrityRecord.KeyOf(idNumber)}:{level}";
}

public static class LevelSlots
{
    /// <summary>Frees the person's slot for the level when this application held it and has ended.</summary>
    public static async Task FreeAsync(IDocumentSession session, TitleReview.Intake.Features.Status.ApplicationFile file, CancellationToken cancellationToken)
    {
        if (TitleReview.Contracts.Cycles.ReviewCycles.Find(file.CycleId) is not { } cycle)
        {
            return;
        }

        var id = LevelSlot.IdOf(cycle.Year, file.IdNumber, file.Level);
        if (await session.LoadAsync<LevelSlot>(id, cancellationToken) is { } slot && slot.ApplicationId == file.Id)
        {
            session.Delete<LevelSlot>(id);
        }
    }

    /// <summary>
    /// Takes the slot back for an application that continues after its lapse was undone (a payment made in time).
    /// False when another active application of the person took it meanwhile: both then stand, for an officer to settle.
    /// </summary>
    public static async Task<bool> HoldAgainAsync(IDocumentSession session, TitleReview.Intake.Features.Status.ApplicationFile file, CancellationToken cancellationToken)
    {
        if (TitleReview.Contracts.Cycles.ReviewCycles.Find(file.CycleId) is not { } cycle)
        {
            return true;
        }

        var id = LevelSlot.IdOf(cycle.Year, file.IdNumber, file.Level);
        var slot = await session.LoadAsync<LevelSlot>(id, cancellationToken);
        if (slot?.ApplicationId == file.Id)
        {
            return true;
        }

        if (slot is not null && await session.LoadAsync<TitleReview.Intake.Features.Status.ApplicationFile>(slot.ApplicationId, cancellationToken) is { } holder
            && !TitleReview.Contracts.Ledger.ApplicationStatusText.IsTerminal(holder.Status))
        {
            return false;
        }

        session.Store(new LevelSlot { Id = id, ApplicationId = file.Id });
        return true;
    }
}
