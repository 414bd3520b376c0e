using System.Numerics;
using TitleReview.Audit.Features.History;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Publicity;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Audit.Features.Verification;

/// <summary>
/// Replays one application's history from its events alone and names every rule it breaks. It trusts no service's
/// tables and no message: only the order and content of the ledger, the cycle the submission named, and the calendar
/// version each publication recorded (the shipped data, or the shipped data with the imports the version names). Pure,
/// so a verification over every stream is a loop over this. The working-day calendar's own stream holds no application:
/// its events are checked for being readable and appended by their owner, and nothing else.
/// </summary>
public static class HistoryVerifier
{
    public static IReadOnlyList<Finding> Verify(
        IReadOnlyList<LedgerEvent> history, WorkingDayCalendarSet? calendars = null, ReviewCycleCatalogue? cycles = null) =>
        new Replay(history, calendars is null ? PublicityRuleCheck.ShippedCalendar : calendars.ForVersion, cycles ?? ReviewCycleCatalogue.Shipped).Run();

    private sealed class Replay(
        IReadOnlyList<LedgerEvent> history, Func<string, WorkingDayCalendar?> calendarByVersion, ReviewCycleCatalogue cycles)
    {
        private readonly List<Finding> findings = [];
        private readonly Dictionary<Guid, long> openObjections = [];
        private ReviewCycle? cycle;
        private long? submitted;
        private long? openRevision;
        private long? finalApproved;
        private (Published Event, long Sequence)? published;
        private long? publicityCompleted;
        private (FeeAssessed Event, long Sequence)? assessed;
        private long? paid;
        private long? passed;
        private long? certificate;
        private (string Type, long Sequence)? terminal;

        public List<Finding> Run()
        {
            foreach (var @event in history)
            {
                if (@event.Data is ICalendarEvent calendarEvent)
                {
                    if (@event.ApplicationId == WorkingDayCalendarStream.Id)
                    {
                        CheckOwner(@event, calendarEvent);
                    }
                    else
                    {
                        Fail(AuditRules.KnownEvent, [@event.Sequence], $"日历事件“{@event.Type}”出现在申报的事件流中。", $"Calendar event '{@event.Type}' inside an application's stream.");
                    }

                    continue;
                }

                if (@event.Data is not IApplicationEvent data)
                {
                    Fail(AuditRules.KnownEvent, [@event.Sequence], $"事件类型“{@event.Type}”未登记或内容无法读取。", $"Event type '{@event.Type}' is unknown or its data unreadable.");
                    continue;
                }

                CheckOwner(@event, data);
                CheckAfterTerminal(@event, data);
                if (submitted is null && data is not ApplicationSubmitted)
                {
                    Fail(AuditRules.StartsWithSubmission, [@event.Sequence], $"第一个事件是“{@event.Type}”，不是提交申报。", $"The history starts with '{@event.Type}', not a submission.");
                    submitted = @event.Sequence;
                }

                Apply(@event.Sequence, data);
            }

            return findings;
        }

        private void Apply(long sequence, IApplicationEvent data)
        {
            switch (data)
            {
                case ApplicationSubmitted e:
                    OnSubmitted(sequence, e);
                    break;
                case RevisionRequested:
                    openRevision = sequence;
                    break;
                case ApplicationResubmitted:
                    openRevision = null;
                    break;
                case FinalApproved:
                    if (openRevision is { } revision)
                    {
                        Fail(AuditRules.NoApprovalWithOpenRevision, [revision, sequence], "退回修改后未见重新提交即终审通过。", "Final approval while the revision request is still open.");
                    }

                    finalApproved = sequence;
                    break;
                case Published e:
                    OnPublished(sequence, e);
                    break;
                case ObjectionLodged e:
                    openObjections[e.ObjectionId] = sequence;
                    break;
                case ObjectionResolved e:
                    openObjections.Remove(e.ObjectionId);
                    if (e.Upheld)
                    {
                        terminal = ("objection_resolved(upheld)", sequence);
                    }

                    break;
                case PublicityCompleted e:
                    OnPublicityCompleted(sequence, e);
                    break;
                case FeeAssessed e:
                    if (finalApproved is null)
                    {
                        Fail(AuditRules.FeeAfterFinalApproval, [sequence], "未终审通过即核定收费。", "Fee assessed without a final approval.");
                    }

                    assessed = (e, sequence);
                    break;
                case FeePaid e:
                    OnFeePaid(sequence, e);
                    break;
                case CommitteeDecided e:
                    OnCommitteeDecided(sequence, e);
                    break;
                case CertificateIssued:
                    if (passed is null)
                    {
                        Fail(AuditRules.CertificateAfterPass, [sequence], "没有评委会通过的决定即发放证书。", "Certificate issued without a committee pass.");
                    }

                    certificate = sequence;
                    terminal = ("certificate_issued", sequence);
                    break;
                case CertificateRevoked:
                    terminal = ("certificate_revoked", sequence);
                    break;
                case ApplicationWithdrawn:
                    terminal = ("application_withdrawn", sequence);
                    break;
                case ApplicationRejected:
                    terminal = ("application_rejected", sequence);
                    break;
                case ApplicationLapsed:
                    terminal = ("application_lapsed", sequence);
                    break;
                case ApplicationLapseUndone e:
                    OnLapseUndone(sequence, e);
                    break;
            }
        }

        /// <summary>Notice 五: only money paid by the due date (Beijing date) ends a lapse; the application then continues.</summary>
        private void OnLapseUndone(long sequence, ApplicationLapseUndone e)
        {
            if (terminal?.Type != "application_lapsed")
            {
                Fail(AuditRules.LapseUndoneByTimelyPayment, [sequence], "撤销逾期放弃之前没有逾期放弃。", "A lapse undone without a lapse before it.");
                return;
            }

            if (assessed is not { } fee || ChinaTime.DateOfInstant(e.PaidAt) > fee.Event.DueDate)
            {
                Fail(AuditRules.LapseUndoneByTimelyPayment, [.. (assessed is { } a ? new[] { a.Sequence } : []), terminal.Value.Sequence, sequence],
                    $"缴费时间 {ChinaTime.ToMinute(e.PaidAt)} 晚于缴费截止日{(assessed is { } late ? $" {late.Event.DueDate:yyyy-MM-dd}" : "（未核定）")}，不能撤销逾期放弃。",
                    $"Paid at {ChinaTime.ToMinute(e.PaidAt)} Beijing time, not by the due date{(assessed is { } lateEn ? $" {lateEn.Event.DueDate:yyyy-MM-dd}" : " (no fee assessed)")}: the lapse cannot be undone.");
            }

            terminal = null;
        }

        private void OnSubmitted(long sequence, ApplicationSubmitted e)
        {
            if (submitted is { } first)
            {
                Fail(AuditRules.StartsWithSubmission, [first, sequence], "同一申报被提交了两次。", "The application was submitted twice.");
                return;
            }

            submitted = sequence;
            cycle = cycles.Find(e.CycleId);
            var day = ChinaTime.DateOfInstant(e.SubmittedAt);
            if (cycle is null)
            {
                Fail(AuditRules.SubmissionInsideWindow, [sequence], $"申报所属评审周期“{e.CycleId}”不存在，无法复核申报时间。", $"Cycle '{e.CycleId}' is unknown; the window cannot be re-checked.");
            }
            else if (day < cycle.SubmissionOpens || day > cycle.SubmissionCloses)
            {
                Fail(AuditRules.SubmissionInsideWindow, [sequence],
                    $"提交日期 {day:yyyy-MM-dd} 不在申报时间 {cycle.SubmissionOpens:yyyy-MM-dd} 至 {cycle.SubmissionCloses:yyyy-MM-dd} 内。",
                    $"Submitted on {day:yyyy-MM-dd}, outside {cycle.SubmissionOpens:yyyy-MM-dd} to {cycle.SubmissionCloses:yyyy-MM-dd}.");
            }
        }

        private void OnPublished(long sequence, Published e)
        {
            if (finalApproved is null)
            {
                Fail(AuditRules.PublishedAfterFinalApproval, [sequence], "未终审通过即公示。", "Published without a final approval.");
            }

            foreach (var violation in PublicityRuleCheck.PeriodViolations(e, calendarByVersion(e.CalendarVersion)))
            {
                Fail(AuditRules.PublicityPeriod, [sequence], violation.Chinese, violation.English);
            }

            published = (e, sequence);
        }

        private void OnPublicityCompleted(long sequence, PublicityCompleted e)
        {
            if (published is not { } publication)
            {
                Fail(AuditRules.PublicityCompletion, [sequence], "没有公示记录即完成公示。", "Publicity completed without a publication.");
            }
            else if (e.ProofDate <= publication.Event.End)
            {
                Fail(AuditRules.PublicityCompletion, [publication.Sequence, sequence],
                    $"公示证明日期 {e.ProofDate:yyyy-MM-dd} 不晚于公示结束日 {publication.Event.End:yyyy-MM-dd}。",
                    $"Proof dated {e.ProofDate:yyyy-MM-dd}, not after the end date {publication.Event.End:yyyy-MM-dd}.");
            }

            if (openObjections.Count > 0)
            {
                Fail(AuditRules.NoCompletionWithOpenObjection, [.. openObjections.Values, sequence],
                    $"仍有 {openObjections.Count} 件异议未处理时即完成公示。", $"Completed with {openObjections.Count} objection(s) still open.");
            }

            publicityCompleted = sequence;
        }

        private void OnFeePaid(long sequence, FeePaid e)
        {
            if (assessed is not { } fee)
            {
                Fail(AuditRules.FeePaidMatchesAssessed, [sequence], "没有核定收费即记录缴费。", "FeePaid without a FeeAssessed.");
            }
            else if (e.Amount != fee.Event.Amount || e.PaymentReference != fee.Event.PaymentReference)
            {
                Fail(AuditRules.FeePaidMatchesAssessed, [fee.Sequence, sequence],
                    $"缴费 {e.Amount:0.00} 元（缴款码 {e.PaymentReference}）与核定 {fee.Event.Amount:0.00} 元（缴款码 {fee.Event.PaymentReference}）不一致。",
                    $"Paid {e.Amount:0.00} CNY under {e.PaymentReference}; assessed {fee.Event.Amount:0.00} CNY under {fee.Event.PaymentReference}.");
            }

            if (paid is { } earlier)
            {
                Fail(AuditRules.FeePaidMatchesAssessed, [earlier, sequence], "同一笔费用记录了两次缴费。", "The fee was recorded as paid twice.");
            }

            paid = sequence;
        }

        private void OnCommitteeDecided(long sequence, CommitteeDecided e)
        {
            if (publicityCompleted is null || paid is null)
            {
                var missing = string.Join("、", new[] { publicityCompleted is null ? "公示未完成" : null, paid is null ? "未缴费" : null }.OfType<string>());
                Fail(AuditRules.CommitteeAfterPublicityAndFee, [sequence], $"集中评审时{missing}。",
                    $"Decided before publicity completed and the fee was paid (publicity completed: {publicityCompleted is not null}, fee paid: {paid is not null}).");
            }

            CheckVote(sequence, e);
            if (e.Passed)
            {
                passed = sequence;
            }
            else
            {
                terminal = ("committee_decided(failed)", sequence);
            }
        }

        /// <summary>
        /// The replay keeps its own arithmetic (BigInteger, which cannot overflow) instead of calling the cycle's
        /// HasQuorum/Passes: an audit that shares the arithmetic of the code it audits shares its bugs too.
        /// </summary>
        private void CheckVote(long sequence, CommitteeDecided e)
        {
            var rules = cycle ?? cycles.Get(ReviewCycleCatalogue.Xishan2023);
            BigInteger total = e.MembersTotal, present = e.MembersPresent, yes = e.VotesFor;
            var votesCast = yes + e.VotesAgainst + e.Abstentions;
            if (total <= 0 || present < 0 || present > total || e.VotesFor < 0 || e.VotesAgainst < 0 || e.Abstentions < 0 || votesCast != present)
            {
                Fail(AuditRules.CommitteeQuorumAndThreshold, [sequence],
                    $"票数不成立：委员 {e.MembersTotal} 人，出席 {e.MembersPresent} 人，赞成 {e.VotesFor}、反对 {e.VotesAgainst}、弃权 {e.Abstentions}，合计 {votesCast} 票（须均不为负、出席不多于委员、合计等于出席）。",
                    $"Impossible counts: {e.MembersTotal} members, {e.MembersPresent} present, {e.VotesFor} for, {e.VotesAgainst} against, {e.Abstentions} abstaining, {votesCast} in all (each at least 0, present at most the members, the votes adding up to those present).");
            }
            else if (present * rules.QuorumDenominator < total * rules.QuorumNumerator)
            {
                Fail(AuditRules.CommitteeQuorumAndThreshold, [sequence],
                    $"出席 {e.MembersPresent}/{e.MembersTotal} 人，未达 {rules.QuorumNumerator}/{rules.QuorumDenominator} 法定人数，会议不能作出决定。",
                    $"{e.MembersPresent} of {e.MembersTotal} present, below the {rules.QuorumNumerator}/{rules.QuorumDenominator} quorum: the meeting cannot decide.");
            }
            else if (e.Passed != (present > 0 && yes * rules.PassDenominator >= present * rules.PassNumerator))
            {
                Fail(AuditRules.CommitteeQuorumAndThreshold, [sequence],
                    $"赞成 {e.VotesFor} 票/出席 {e.MembersPresent} 人，按 {rules.PassNumerator}/{rules.PassDenominator} 应为“{(e.Passed ? "不通过" : "通过")}”，记录却为“{(e.Passed ? "通过" : "不通过")}”。",
                    $"{e.VotesFor} yes of {e.MembersPresent} present should be {(e.Passed ? "a fail" : "a pass")} at {rules.PassNumerator}/{rules.PassDenominator}; recorded as {(e.Passed ? "passed" : "failed")}.");
            }
        }

        private void CheckOwner(LedgerEvent @event, object data)
        {
            var owner = EventCatalog.For(data.GetType()).Owner.ToString();
            if (!string.Equals(@event.Service, owner, StringComparison.Ordinal))
            {
                Fail(AuditRules.AppendedByOwner, [@event.Sequence],
                    $"“{@event.Type}”应由 {owner} 服务写入，实际写入者为 {@event.Service ?? "未知"}。",
                    $"'{@event.Type}' belongs to {owner} but was appended by {@event.Service ?? "an unknown writer"}.");
            }
        }

        private void CheckAfterTerminal(LedgerEvent @event, IApplicationEvent data)
        {
            // A revocation ends an issued certificate; a refund returns money and changes nothing in the lifecycle
            // (a payment that arrives after a lapse must go back); a lapse is undone by a payment made in time (its own
            // rule checks the time). Everything else after the end is a breach.
            var allowed = (data is CertificateRevoked && certificate is not null && terminal?.Type == "certificate_issued") || data is FeeRefunded
                || (data is ApplicationLapseUndone && terminal?.Type == "application_lapsed");
            if (terminal is { } end && !allowed)
            {
                Fail(AuditRules.NothingAfterTerminal, [end.Sequence, @event.Sequence],
                    $"终结事件“{end.Type}”之后又出现“{@event.Type}”。", $"'{@event.Type}' after the terminal event '{end.Type}'.");
            }
        }

        private void Fail(AuditRule rule, IReadOnlyList<long> sequences, string chinese, string english) =>
            findings.Add(new Finding(history[0].ApplicationId, rule.Code, rule.Clause, chinese, english, sequences));
    }
}
