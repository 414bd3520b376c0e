using MassTransit;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Intake.Features.Status;
using TitleReview.EventStore;

namespace TitleReview.Intake.Features.IntegrityRegister;

/// <summary>On a revocation, records the holder's 身份证 number for 3 years from the day of revocation.</summary>
public sealed class RecordRevokedHolder(LedgerSessions sessions) : IConsumer<CertificateRevoked>
{
    public Task Consume(ConsumeContext<CertificateRevoked> context) =>
        sessions.ProcessOnceAsync(context, nameof(RecordRevokedHolder), async session =>
        {
            var file = await session.LoadAsync<ApplicationFile>(context.Message.ApplicationId, context.CancellationToken);
            if (file is null)
            {
                return;
            }

            var key = IntegrityRecord.KeyOf(file.IdNumber);
            var revokedOn = ChinaTime.DateOfInstant(context.Message.RevokedAt);
            var until = revokedOn.AddYears(IntegrityRecord.Years);
            var existing = await session.LoadAsync<IntegrityRecord>(key, context.CancellationToken);
            // A second revocation never shortens the period of an earlier one.
            if (existing is null || existing.Until < until)
            {
                session.Store(new IntegrityRecord { Id = key, CertificateNumber = context.Message.CertificateNumber, RecordedOn = revokedOn, Until = until });
            }
        });
}
