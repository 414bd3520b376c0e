using System.Security.Cryptography;
using JasperFx.Events;
using Marten;
using MassTransit;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;

namespace TitleReview.Certificate.Features.Issue;

/// <summary>What the issuer draws for a certificate before deciding: its number, the issue date and the code.</summary>
public sealed record CertificateDraw(string Number, DateOnly Today, string VerificationCode);

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
            var application = stream.Aggregate;
            var history = application is null ? [] : await session.Events.FetchStreamAsync(id, token: context.CancellationToken);
            var ledgerPass = history.Select(e => e.Data).OfType<CommitteeDecided>().LastOrDefault(d => d.Passed);
            // The one cycle lookup of this slice; a pass in a cycle that is not loaded throws and the message is retried.
            var cycle = application is { CommitteePassed: true } ? cycles.Get(application.CycleId) : null;
            var key = cycle is null ? null : CertificateSerial.KeyFor(cycle, application!.Level);
            // Optimistic concurrency on the serial: of two issues at once one fails, is retried, and takes the next number.
            var serial = key is null ? null
                : await session.LoadAsync<CertificateSerial>(key, context.CancellationToken) ?? new CertificateSerial { Id = key };
            var draw = new CertificateDraw(key is null ? "" : CertificateSerial.Format(key, serial!.Last + 1), clock.Today(),
                new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 10)));

            if (!Decide(application, ledgerPass, cycle, draw).Accepted(out var issued, out var refusal))
            {
                if (context.Message.Passed)
                {
                    logger.LogWarning("No certificate for {ApplicationId}: {Reason}", id, refusal.Reason.English);
                }

                return;
            }

            serial!.Last++;
            session.Store(serial);
            stream.AppendOne(issued);
            session.Store(RecordOf(issued, application!, ledgerPass!, history));
        });

    /// <summary>
    /// Issues only for what the ledger shows: a pass recorded after completed publicity and a paid fee, with a quorum
    /// present and yes votes reaching the cycle's pass fraction of those present (counts no meeting can have, such as
    /// zero yes votes or more votes than members, issue nothing), and no certificate yet.
    /// </summary>
    public static Decision<CertificateIssued> Decide(
        ApplicationLifecycle? application, CommitteeDecided? ledgerPass, ReviewCycle? cycle, CertificateDraw draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        if (application is not { CommitteePassed: true, PublicityCompleted: true, FeePaid: true, IsTerminal: false }
            || application.CommitteeDate is null || ledgerPass is null)
        {
            return Refusal.Conflict("no-ledger-pass", new Bilingual("账本未显示公示完成、已缴费后的评审通过。",
                "The ledger does not show a pass with publicity completed and fee paid."));
        }

        if (application.CertificateNumber is not null)
        {
            return Refusal.Conflict("already-issued", new Bilingual("证书已颁发。", "The certificate has already been issued."));
        }

        if (cycle is null)
        {
            return Refusal.NotFound("cycle-not-loaded", new Bilingual("评审周期未载入。", "The review cycle is not loaded."));
        }

        if (!cycle.HasQuorum(ledgerPass.MembersTotal, ledgerPass.MembersPresent)
            || !cycle.Passes(ledgerPass.MembersPresent, ledgerPass.VotesFor)
            || ledgerPass.VotesAgainst < 0 || ledgerPass.Abstentions < 0
            || (long)ledgerPass.VotesFor + ledgerPass.VotesAgainst + ledgerPass.Abstentions > ledgerPass.MembersPresent)
        {
            return Refusal.BreaksRule("committee-vote", null, new Bilingual("账本中的评审表决未达法定人数或通过比例。",
                "The committee vote in the ledger has no quorum or does not reach the pass fraction."));
        }

        return new CertificateIssued(application.Id, draw.Number, application.ApplicantName, application.Specialty,
            application.Level, cycle.CommitteeName, application.CommitteeDate.Value, draw.Today, draw.VerificationCode,
            application.Level.TitleName());
    }

    private static CertificateRecord RecordOf(
        CertificateIssued issued, ApplicationLifecycle application, CommitteeDecided decided, IReadOnlyList<IEvent> history)
    {
        var submitted = history.Select(e => e.Data).OfType<ApplicationSubmitted>().First();
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
