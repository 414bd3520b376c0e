using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using TitleReview.Contracts.Events;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>
/// Copies every FeeAssessed and FeePaid into a <see cref="FeeMovement"/>, run by Payment's daemon (async): on a ledger
/// that already holds fees it starts from the first event, so the desk's lists fill from the whole history without a
/// migration of their own, and afterwards trails the ledger by moments. One explicit ApplyAsync, like the lifecycle
/// projection; partial only so JasperFx's generator can declare the document it writes (for the schema and a rebuild).
/// </summary>
public sealed partial class FeeMovementProjection : EventProjection
{
    public const string ProjectionName = "FeeMovement";

    public FeeMovementProjection()
    {
        Name = ProjectionName;
        IncludeType<FeeAssessed>();
        IncludeType<FeePaid>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Data)
        {
            case FeeAssessed assessed:
                operations.Store(new FeeMovement
                {
                    Id = e.Id, Kind = FeeMovementKind.Assessed, ApplicationId = assessed.ApplicationId, PaymentReference = assessed.PaymentReference,
                    Amount = assessed.Amount, At = assessed.AssessedAt,
                });
                break;
            case FeePaid paid:
                operations.Store(new FeeMovement
                {
                    Id = e.Id, Kind = FeeMovementKind.Paid, ApplicationId = paid.ApplicationId, PaymentReference = paid.PaymentReference,
                    Amount = paid.Amount, Channel = paid.Channel, At = paid.PaidAt,
                });
                break;
        }

        return ValueTask.CompletedTask;
    }
}
