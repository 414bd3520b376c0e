using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Cycles;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

public sealed class EventRecordRulesTests
{
    private static readonly WorkingDayCalendarImported Import = new(2027, 1, [new DateOnly(2027, 1, 1)], [], "国办发明电〔2026〕1号", new DateOnly(2026, 11, 1), "officer", At);

    [Fact]
    public void The_clean_history_is_readable_and_appended_by_its_owners()
    {
        Assert.Empty(EventRecordRules.Check(Replayed(Clean())));
    }

    [Fact]
    public void An_event_appended_by_another_service_names_its_owner_and_its_writer()
    {
        var found = Assert.Single(EventRecordRules.Check(Replayed(Clean().With(Approved, new Step(new FinalApproved(Id, "reviewer-wang", At), "Intake")))));

        Assert.Equal(AuditRules.AppendedByOwner, found.Rule);
        Assert.Equal([SequenceAt(Approved)], found.Sequences);
        Assert.Equal("“final_approved”应由 Review 服务写入，实际写入者为 Intake。", found.Chinese);
        Assert.Equal("'final_approved' belongs to Review but was appended by Intake.", found.English);
    }

    [Fact]
    public void An_event_with_no_writer_recorded_is_reported_as_an_unknown_writer()
    {
        var found = Assert.Single(EventRecordRules.Check(Replayed(Clean().With(Approved, new Step(new FinalApproved(Id, "reviewer-wang", At), null)))));
        Assert.Equal("'final_approved' belongs to Review but was appended by an unknown writer.", found.English);
    }

    [Fact]
    public void An_unreadable_event_is_reported_and_nothing_else_about_it()
    {
        var findings = EventRecordRules.Check(Replayed(Clean().Inserting(1, new Step(null, null, "mystery_event")))).ToList();

        var found = Assert.Single(findings);
        Assert.Equal(AuditRules.KnownEvent, found.Rule);
        Assert.Equal("Event type 'mystery_event' is unknown or its data unreadable.", found.English);
    }

    [Fact]
    public void A_calendar_event_inside_an_application_stream_is_reported()
    {
        var found = Assert.Single(EventRecordRules.Check(Replayed(Clean().Inserting(1, new Step(Import, "Publicity")))));
        Assert.Equal(AuditRules.KnownEvent, found.Rule);
        Assert.Equal([SequenceAt(1)], found.Sequences);
    }

    [Fact]
    public void The_calendar_stream_is_checked_for_its_writer_only()
    {
        var calendar = ReplayedHistory.Of(Events([new Step(Import, "Publicity")], WorkingDayCalendarStream.Id), ReviewCycleCatalogue.Shipped);
        var forged = ReplayedHistory.Of(Events([new Step(Import, "Payment")], WorkingDayCalendarStream.Id), ReviewCycleCatalogue.Shipped);

        Assert.Empty(EventRecordRules.Check(calendar));
        Assert.Empty(calendar.Steps);
        Assert.Equal(AuditRules.AppendedByOwner, Assert.Single(EventRecordRules.Check(forged)).Rule);
    }
}
