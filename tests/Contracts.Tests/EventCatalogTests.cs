using TitleReview.Contracts.Events;

namespace TitleReview.Contracts.Tests;

public sealed class EventCatalogTests
{
    [Fact]
    public void Every_lifecycle_event_type_is_in_the_catalog_once()
    {
        var declared = typeof(IApplicationEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(IApplicationEvent).IsAssignableFrom(t) || typeof(ICalendarEvent).IsAssignableFrom(t)))
            .ToHashSet();

        Assert.Equal(declared.OrderBy(t => t.Name), EventCatalog.All.Select(d => d.Type).OrderBy(t => t.Name));
        Assert.Equal(EventCatalog.All.Count, EventCatalog.All.Select(d => d.StoredName).Distinct().Count());
    }

    [Fact]
    public void Stored_names_are_fixed_strings_that_do_not_follow_renames()
    {
        // Changing one of these orphans every stored event of that type: add an upcaster instead.
        var expected = new Dictionary<string, ServiceName>
        {
            ["application_submitted"] = ServiceName.Intake, ["application_resubmitted"] = ServiceName.Intake, ["application_withdrawn"] = ServiceName.Intake,
            ["review_started"] = ServiceName.Review, ["revision_requested"] = ServiceName.Review, ["final_approved"] = ServiceName.Review,
            ["application_rejected"] = ServiceName.Review, ["committee_decided"] = ServiceName.Review,
            ["checklist_item_checked"] = ServiceName.Review,
            ["published"] = ServiceName.Publicity, ["objection_lodged"] = ServiceName.Publicity, ["objection_resolved"] = ServiceName.Publicity,
            ["publicity_completed"] = ServiceName.Publicity,
            ["fee_assessed"] = ServiceName.Payment, ["fee_paid"] = ServiceName.Payment, ["fee_refunded"] = ServiceName.Payment,
            ["application_lapsed"] = ServiceName.Payment, ["application_lapse_undone"] = ServiceName.Payment,
            ["certificate_issued"] = ServiceName.Certificate, ["certificate_revoked"] = ServiceName.Certificate,
            ["working_day_calendar_imported"] = ServiceName.Publicity,
        };

        Assert.Equal(expected.OrderBy(p => p.Key), EventCatalog.All.ToDictionary(d => d.StoredName, d => d.Owner).OrderBy(p => p.Key));
    }

    [Fact]
    public void Audit_owns_no_event()
    {
        Assert.Empty(EventCatalog.OwnedBy(ServiceName.Audit));
    }

    [Fact]
    public void Ownership_answers_for_the_owner_only()
    {
        Assert.True(EventCatalog.IsOwnedBy(typeof(FinalApproved), ServiceName.Review));
        Assert.False(EventCatalog.IsOwnedBy(typeof(FinalApproved), ServiceName.Publicity));
        Assert.False(EventCatalog.IsOwnedBy(typeof(string), ServiceName.Review));
        Assert.Throws<UnknownEventTypeException>(() => EventCatalog.For(typeof(string)));
    }
}
