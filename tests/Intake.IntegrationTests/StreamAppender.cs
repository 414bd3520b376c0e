using JasperFx;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// Appends another service's event to a stream Intake started through its own API (a submission), stamped as its
/// owner would stamp it. <see cref="LedgerForger"/> only starts new streams; an additive LedgerForger.AppendToAsync
/// would make this class unnecessary.
/// </summary>
public sealed class StreamAppender(string connectionString) : IDisposable
{
    private readonly DocumentStore ledger = DocumentStore.For(options =>
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = "appender";
        EventStoreRegistration.ConfigureLedger(options);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    });

    public async Task AppendAsync(Guid streamId, IApplicationEvent @event)
    {
        await using var session = ledger.LightweightSession();
        session.LastModifiedBy = LedgerForger.DefaultUser;
        session.SetHeader(ActingContext.ServiceHeader, EventCatalog.For(@event.GetType()).Owner.ToString());
        session.SetHeader(ActingContext.UserIdHeader, LedgerForger.DefaultUser);
        session.Events.Append(streamId, @event);
        await session.SaveChangesAsync();
    }

    public void Dispose() => ledger.Dispose();
}
