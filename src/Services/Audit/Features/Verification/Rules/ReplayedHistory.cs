using TitleReview.Audit.Features.History;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Cycles;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>The event that ended the lifecycle, named as findings cite it (application_withdrawn, committee_decided(failed) …).</summary>
public sealed record TerminalEvent(string Type, long Sequence)
{
    public const string CertificateIssued = "certificate_issued";
    public const string Lapsed = "application_lapsed";
    public const string Withdrawn = "application_withdrawn";
    public const string ObjectionUpheld = "objection_resolved(upheld)";
}

/// <summary>
/// What the application's events before one event established, each fact with the sequence of the event that
/// established it (the latest, where an event repeats). The rules read these facts; none of them counts or compares.
/// </summary>
public sealed record LifecycleSoFar(
    long? Submitted = null,
    ReviewCycle? Cycle = null,
    long? OpenRevision = null,
    long? FinalApproved = null,
    long? PublicityCompleted = null,
    (FeeAssessed Event, long Sequence)? Assessed = null,
    long? Paid = null,
    long? Passed = null,
    long? Certificate = null,
    TerminalEvent? Terminal = null,
    long? ObjectionUpheld = null)
{
    public static readonly LifecycleSoFar Nothing = new();

    /// <summary>
    /// The facts after <paramref name="data"/>. A history that does not start with a submission is taken as started by
    /// its first event (so it is reported once); a second submission changes nothing. A lapse undone ends the lapse
    /// whether or not the payment was in time (the lapse rule reports a late one); a lapse undone with no lapse
    /// changes nothing.
    /// </summary>
    public LifecycleSoFar After(long sequence, IApplicationEvent data, ReviewCycleCatalogue cycles) => data switch
    {
        ApplicationSubmitted e => Submitted is null ? this with { Submitted = sequence, Cycle = cycles.Find(e.CycleId) } : this,
        _ when Submitted is null => (this with { Submitted = sequence }).After(sequence, data, cycles),
        RevisionRequested => this with { OpenRevision = sequence },
        ApplicationResubmitted => this with { OpenRevision = null },
        Contracts.Events.FinalApproved => this with { FinalApproved = sequence },
        // The first end stands (an objection answered after a withdrawal or a lapse ends nothing again); a lapse
        // undone then gives way to the upheld objection.
        ObjectionResolved { Upheld: true } => this with { ObjectionUpheld = sequence, Terminal = Terminal ?? new(TerminalEvent.ObjectionUpheld, sequence) },
        Contracts.Events.PublicityCompleted => this with { PublicityCompleted = sequence },
        FeeAssessed e => this with { Assessed = (e, sequence) },
        FeePaid => this with { Paid = sequence },
        CommitteeDecided { Passed: true } => this with { Passed = sequence },
        CommitteeDecided => this with { Terminal = new("committee_decided(failed)", sequence) },
        CertificateIssued => this with { Certificate = sequence, Terminal = new(TerminalEvent.CertificateIssued, sequence) },
        CertificateRevoked => this with { Terminal = new("certificate_revoked", sequence) },
        ApplicationWithdrawn => this with { Terminal = new(TerminalEvent.Withdrawn, sequence) },
        ApplicationRejected => this with { Terminal = new("application_rejected", sequence) },
        ApplicationLapsed => this with { Terminal = new(TerminalEvent.Lapsed, sequence) },
        ApplicationLapseUndone when Terminal?.Type == TerminalEvent.Lapsed =>
            this with { Terminal = ObjectionUpheld is { } upheld ? new(TerminalEvent.ObjectionUpheld, upheld) : null },
        _ => this,
    };
}

/// <summary>One application event of the history: where it sits, what it says, and what the events before it established.</summary>
public sealed record ApplicationStep(int At, LedgerEvent Event, IApplicationEvent Data, LifecycleSoFar Before)
{
    public long Sequence => Event.Sequence;
}

/// <summary>
/// One application's history replayed once: every event as read (<see cref="Events"/>, for the rules on the records
/// themselves), and the application's own events, each with the lifecycle before it (<see cref="Steps"/>). Calendar
/// events and unreadable events take no step: they change nothing in the lifecycle.
/// </summary>
public sealed class ReplayedHistory
{
    private ReplayedHistory(IReadOnlyList<LedgerEvent> events, IReadOnlyList<ApplicationStep> steps)
    {
        Events = events;
        Steps = steps;
    }

    public IReadOnlyList<LedgerEvent> Events { get; }

    public IReadOnlyList<ApplicationStep> Steps { get; }

    public static ReplayedHistory Of(IReadOnlyList<LedgerEvent> events, ReviewCycleCatalogue cycles)
    {
        var steps = new List<ApplicationStep>();
        var soFar = LifecycleSoFar.Nothing;
        for (var at = 0; at < events.Count; at++)
        {
            if (events[at].Data is IApplicationEvent data and not ICalendarEvent)
            {
                steps.Add(new ApplicationStep(at, events[at], data, soFar));
                soFar = soFar.After(events[at].Sequence, data, cycles);
            }
        }

        return new ReplayedHistory(events, steps);
    }
}
