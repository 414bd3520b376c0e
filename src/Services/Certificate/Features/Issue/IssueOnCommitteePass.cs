using System.Security.Cryptography;
using JasperFx.Events;
using Marten;
using MassTransit;
using TitleReview.Contracts;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Certificate.Features.Issue;

/// <summary>
/// Issues the electronic title certificate after a committee pass, but only when the ledger itself shows the pass,
/// the publicity completed and the fee paid: the message alone is not trusted (a forged or stale message issues nothing).
/// </summary>
public sealed class IssueOnCommitteePass(LedgerSessions sessions, TimeProvider clock, ILogger<IssueOnCommitteePass> logger) : IConsumer<CommitteeDecided>
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public Task Consume(ConsumeContext<CommitteeDecided> context) =>
        sessions.ProcessOnceAsync(context, nameof(IssueOnCommitteePass), async session =>
        {
            var id = context.Message.ApplicationId;
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, context.CancellationToken);
            if (stream.Aggregate is not { CommitteePassed: true, PublicityCompleted: true, FeePaid: true, CertificateNumber: null, IsTerminal: false } application)
            {
                if (context.Message.Passed)
                {
                    logger.LogWarning("No certificate for {ApplicationId}: the ledger does not show a pass with publicity completed and fee paid", id);
                }

                return;
            }

            var cycle = ReviewCycles.Get(application.CycleId);
            var key = CertificateSerial.KeyFor(cycle, application.Level);
            // Optimistic concurrency on the serial: of two issues at once one fails, is retried, and takes the next number.
            var serial = await session.LoadAsync<CertificateSerial>(key, context.CancellationToken) ?? new CertificateSerial { Id = key };
            serial.Last++;
            session.Store(serial);

            var issued = new CertificateIssued(id, CertificateSerial.Format(key, serial.Last), application.ApplicantName, application.Specialty,
                application.Level, cycle.CommitteeName, application.CommitteeDate!.Value, clock.Today(),
                new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 10)), application.Level.TitleName());
            stream.AppendOne(issued);
            session.Store(RecordOf(issued, application, await session.Events.FetchStreamAsync(id, token: context.CancellationToken)));
        });

    private static CertificateRecord RecordOf(CertificateIssued issued, ApplicationLifecycle application, IReadOnlyList<IEvent> history)
    {
        var submitted = history.Select(e => e.Data).OfType<ApplicationSubmitted>().First();
        var decided = history.Select(e => e.Data).OfType<CommitteeDecided>().Last(d => d.Passed);
        return new CertificateRecord
        {
            Number = issued.CertificateNumber,
            ApplicationId = issued.ApplicationId,
            HolderName = issued.HolderName,
            Specialty = issued.Specialty,
            Level = issued.Level,
            CommitteeName = issued.CommitteeName,
            DecisionDate = issued.DecisionDate,
            IssueDate = issued.IssueDate,
            VerificationCode = issued.VerificationCode!,
            SubmittedBy = history[0].UserName ?? "",
            Employer = submitted.Employer,
            Series = submitted.Series,
            CycleId = submitted.CycleId,
            SubmittedAt = submitted.SubmittedAt,
            FinalApprovedAt = application.FinalApprovedAt,
            PublicityStart = application.PublicityStart,
            PublicityEnd = application.PublicityEnd,
            MembersTotal = decided.MembersTotal,
            MembersPresent = decided.MembersPresent,
            VotesFor = decided.VotesFor,
            VotesAgainst = decided.VotesAgainst,
            Abstentions = decided.Abstentions,
        };
    }
}
