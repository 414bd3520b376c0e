using Marten;
using MassTransit;
using TitleReview.ServiceDefaults.Ledger;
using TitleReview.Contracts.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Contracts.WorkingDays;
using TitleReview.ServiceDefaults.EventStore;

namespace TitleReview.Certificate.Features.Issue;

/// <summary>
/// Issues the electronic title certificate after a committee pass, but only when the ledger itself shows the
/// publicity completed and the fee paid: the message alone is not trusted.
/// </summary>
public sealed class IssueOnCommitteePass(LedgerSessions sessions, TimeProvider clock, ILogger<IssueOnCommitteePass> logger) : IConsumer<CommitteeDecided>
{
    public Task Consume(ConsumeContext<CommitteeDecided> context) =>
        sessions.ProcessOnceAsync(context, nameof(IssueOnCommitteePass), async session =>
        {
            var id = context.Message.ApplicationId;
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, context.CancellationToken);
            if (stream.Aggregate is { CommitteePassed: true, PublicityCompleted: true, FeePaid: true, CertificateNumber: null, IsTerminal: false } application)
            {
                var cycle = ReviewCycles.Get(application.CycleId);
                var key = CertificateSerial.KeyFor(cycle, application.Level);
                var serial = await session.LoadAsync<CertificateSerial>(key, context.CancellationToken) ?? new CertificateSerial { Id = key };
                serial.Last++;
                session.Store(serial);

                var issued = new CertificateIssued(id, CertificateSerial.Format(key, serial.Last), application.ApplicantName, application.Specialty,
                    application.Level, cycle.CommitteeName, application.CommitteeDate!.Value, clock.Today());
                stream.AppendOne(issued);
                session.Store(new CertificateRecord
                {
                    Number = issued.CertificateNumber,
                    ApplicationId = id,
                    HolderName = issued.HolderName,
                    Specialty = issued.Specialty,
                    Level = issued.Level,
                    CommitteeName = issued.CommitteeName,
                    DecisionDate = issued.DecisionDate,
                    IssueDate = issued.IssueDate,
                });
            }
            else if (context.Message.Passed)
            {
                logger.LogWarning("No certificate for {ApplicationId}: the ledger does not show a pass with publicity completed and fee paid", id);
            }

        });
}
