using JasperFx;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Testing;

/// <summary>One event to forge, which service the ledger should say appended it (its owner unless given), and who acted.</summary>
public sealed record Forged(IApplicationEvent Event, string? AppendedBy = null, string By = LedgerForger.DefaultUser);

/// <summary>
/// A raw Marten store on the ledger that appends what the services never would: no ownership guard, any order, any
/// header. Use it only on a database where no other service runs, or they would react to the forged events.
/// </summary>
public sealed class LedgerForger(string connectionString) : IDisposable
{
    public const string DefaultUser = "test-forger";

    private readonly DocumentStore store = DocumentStore.For(options =>
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = "forger";
        EventStoreRegistration.ConfigureLedger(options);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    });

    /// <summary>Forges a new application's history; its stream id.</summary>
    public async Task<Guid> AppendAsync(Func<Guid, IEnumerable<Forged>> history)
    {
        var id = Guid.NewGuid();
        await AppendAsync(id, history(id));
        return id;
    }

    /// <summary>
    /// Appends to a stream that may already exist: the facts other services record after what the service under test
    /// did itself (publicity and payment after a final approval given over its API).
    /// </summary>
    public async Task AppendAsync(Guid id, IEnumerable<Forged> steps)
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
