using JasperFx;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

/// <summary>
/// <see cref="LedgerForger"/> for a stream that already exists: appends, as their owners would, the facts other
/// services record after Review's own (publicity, fee, payment after a final approval Review gave over its API).
/// <see cref="LedgerForger.AppendAsync"/> always starts a new stream, so it cannot follow Review's approval.
/// Kept here, not in tests/Testing, as the additive helper only this project needs.
/// </summary>
public sealed class StreamForger(string connectionString) : IDisposable
{
    private readonly DocumentStore store = DocumentStore.For(options =>
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = "forger";
        EventStoreRegistration.ConfigureLedger(options);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    });

    public async Task AppendAsync(Guid id, params Forged[] steps)
    {
        foreach (var step in steps)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = $"forged-{id:N}";
            session.LastModifiedBy = step.By;
            session.SetHeader(ActingContext.ServiceHeader, step.AppendedBy ?? EventCatalog.For(step.Event.GetType()).Owner.ToString());
            session.SetHeader(ActingContext.UserIdHeader, step.By);
            session.SetHeader(ActingContext.RoleHeader, "test");
            session.Events.Append(id, step.Event);
            await session.SaveChangesAsync();
        }
    }

    public void Dispose() => store.Dispose();
}
