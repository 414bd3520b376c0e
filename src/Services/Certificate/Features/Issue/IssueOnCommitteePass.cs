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
public sealed class IssueOnCommitteePass(LedgerSessions sessions, ReviewCycleCatalogue cycles, TimeProvider clock, ILogger<IssueOnCommitteePass> logger)
    : IConsumer<CommitteeDecided>
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public Task Consume(ConsumeContext<CommitteeDecided> context) =>
        sessions.ProcessOnceAsync(context, nameof(IssueOnCommitteePass), async session =>
        {
            var id = context.Message.ApplicationId;
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, context.CancellationToken);
            var history = await session.Events.FetchStreamAsync(id, token: context.CancellationToken);
            var application = stream.Aggregate;
            var cycle = application is null ? null : cycles.Find(application.CycleId);

            // Optimistic concurrency on the serial: of two issues at once one fails, is retried, and takes the next number.
            var serial = application is null || cycle is null ? null
                : await session.LoadAsync<CertificateSerial>(CertificateSerial.KeyFor(cycle, application.Level), context.CancellationToken)
                    ?? new CertificateSerial { Id = CertificateSerial.KeyFor(cycle, application.Level) };
            var numbering = new IssueNumbering((serial?.Last ?? 0) + 1, clock.Today(), new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 10)));
            var pass = history.Select(e => e.Data).OfType<CommitteeDecided>().LastOrDefault(d => d.Passed);
            if (!CertificateDecision.Decide(application, pass, cycle, numbering).Accepted(out var issued, out var refusal))
            {
                if (context.Message.Passed)
                {
                    logger.LogWarning("No certificate for {ApplicationId}: {Reason}", id, refusal.Reason.English);
                }

                return;
            }

            serial!.Last = numbering.Serial;
            session.Store(serial);
            stream.AppendOne(issued);
            session.Store(RecordOf(issued, application!, history));
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
