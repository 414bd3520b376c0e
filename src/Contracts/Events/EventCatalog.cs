using System.Collections.Frozen;

namespace TitleReview.Contracts.Events;

/// <summary>One ledger event type: the name it is stored under and the only service allowed to append it.</summary>
public sealed record EventDefinition(Type Type, string StoredName, ServiceName Owner);

/// <summary>
/// The event table of design.md in code. Stored names are fixed strings, never derived from the C# type name,
/// so renaming or moving a record cannot orphan events already in the ledger.
/// </summary>
public static class EventCatalog
{
    public static IReadOnlyList<EventDefinition> All { get; } =
    [
        new(typeof(ApplicationSubmitted), "application_submitted", ServiceName.Intake),
        new(typeof(ApplicationResubmitted), "application_resubmitted", ServiceName.Intake),
        new(typeof(ApplicationWithdrawn), "application_withdrawn", ServiceName.Intake),

        new(typeof(ReviewStarted), "review_started", ServiceName.Review),
        new(typeof(RevisionRequested), "revision_requested", ServiceName.Review),
        new(typeof(FinalApproved), "final_approved", ServiceName.Review),
        new(typeof(ApplicationRejected), "application_rejected", ServiceName.Review),
        new(typeof(CommitteeDecided), "committee_decided", ServiceName.Review),
        new(typeof(ChecklistItemChecked), "checklist_item_checked", ServiceName.Review),

        new(typeof(Published), "published", ServiceName.Publicity),
        new(typeof(ObjectionLodged), "objection_lodged", ServiceName.Publicity),
        new(typeof(ObjectionResolved), "objection_resolved", ServiceName.Publicity),
        new(typeof(PublicityCompleted), "publicity_completed", ServiceName.Publicity),
        new(typeof(WorkingDayCalendarImported), "working_day_calendar_imported", ServiceName.Publicity),

        new(typeof(FeeAssessed), "fee_assessed", ServiceName.Payment),
        new(typeof(FeePaid), "fee_paid", ServiceName.Payment),
        new(typeof(FeeRefunded), "fee_refunded", ServiceName.Payment),
        new(typeof(ApplicationLapsed), "application_lapsed", ServiceName.Payment),
        new(typeof(ApplicationLapseUndone), "application_lapse_undone", ServiceName.Payment),

        new(typeof(CertificateIssued), "certificate_issued", ServiceName.Certificate),
        new(typeof(CertificateRevoked), "certificate_revoked", ServiceName.Certificate),
    ];

    private static readonly FrozenDictionary<Type, EventDefinition> ByType = All.ToFrozenDictionary(d => d.Type);

    public static EventDefinition For(Type eventType) =>
        ByType.TryGetValue(eventType, out var definition)
            ? definition
            : throw new UnknownEventTypeException(eventType);

    public static bool IsOwnedBy(Type eventType, ServiceName service) =>
        ByType.TryGetValue(eventType, out var definition) && definition.Owner == service;

    public static IEnumerable<EventDefinition> OwnedBy(ServiceName service) => All.Where(d => d.Owner == service);
}

public sealed class UnknownEventTypeException(Type eventType)
    : InvalidOperationException($"{eventType.FullName} is not a lifecycle event in {nameof(EventCatalog)}.");
