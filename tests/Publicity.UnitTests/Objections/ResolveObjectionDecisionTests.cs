using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Publicity.Features.Objections;

namespace TitleReview.Publicity.UnitTests.Objections;

public sealed class ResolveObjectionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2023, 6, 5, 2, 0, 0, TimeSpan.Zero);

    private static ObjectionRecord Open() => new()
    {
        Id = Guid.CreateVersion7(),
        ApplicationId = Guid.CreateVersion7(),
        NoticeId = Guid.CreateVersion7(),
        Summary = "该申报人的业绩材料与实际情况不符。",
        ContactName = "王先生",
        Contact = "0510-88888888",
        LodgedAt = Now.AddDays(-2),
    };

    private static ResolveObjectionCommand Command(ObjectionRecord objection, bool upheld) => new(objection.Id, upheld, "经核实，异议不成立。");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_open_objection_is_resolved_with_the_finding_the_reason_and_the_time(bool upheld)
    {
        var objection = Open();

        Assert.True(ResolveObjection.Decide(objection, Command(objection, upheld), Now).Accepted(out var resolved, out _));

        Assert.Equal(new ObjectionResolved(objection.ApplicationId, objection.Id, upheld, "经核实，异议不成立。", Now), resolved);
    }

    [Fact]
    public void An_unknown_objection_is_not_found_with_the_text_it_always_had()
    {
        var id = Guid.CreateVersion7();

        var refusal = ResolveObjection.Decide(null, new ResolveObjectionCommand(id, false, "经核实，异议不成立。"), Now).Refusal;

        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.NotFound, refusal.Kind);
        Assert.Equal("objection-not-found", refusal.Code);
        Assert.Equal($"没有编号为 {id} 的异议。 / No objection with id {id}.", refusal.Reason.ToString());
    }

    [Theory]
    [InlineData(ObjectionStatus.Dismissed)]
    [InlineData(ObjectionStatus.Upheld)]
    public void A_resolved_objection_is_not_resolved_again(ObjectionStatus status)
    {
        var objection = Open();
        objection.Status = status;

        var refusal = ResolveObjection.Decide(objection, Command(objection, true), Now).Refusal;

        Assert.Same(ResolveObjection.AlreadyResolved, refusal);
        Assert.Equal(RefusalKind.Conflict, refusal!.Kind);
        Assert.Equal("objection-resolved", refusal.Code);
        Assert.Equal("该异议已处理。 / The objection has already been resolved.", refusal.Reason.ToString());
    }

    [Fact]
    public void A_record_loaded_for_another_id_is_not_the_objection_named()
    {
        var objection = Open();

        Assert.Equal(RefusalKind.NotFound,
            ResolveObjection.Decide(objection, new ResolveObjectionCommand(Guid.CreateVersion7(), true, "成立。"), Now).Refusal?.Kind);
    }

    [Theory]
    [InlineData(true, ObjectionStatus.Upheld)]
    [InlineData(false, ObjectionStatus.Dismissed)]
    public void The_officers_record_follows_the_decision(bool upheld, ObjectionStatus status)
    {
        var objection = Open();
        var resolved = new ObjectionResolved(objection.ApplicationId, objection.Id, upheld, "理由充分。", Now);

        ResolveObjection.Record(objection, resolved, "officer-1");

        Assert.Equal(status, objection.Status);
        Assert.Equal("理由充分。", objection.Resolution);
        Assert.Equal("officer-1", objection.ResolvedBy);
        Assert.Equal(Now, objection.ResolvedAt);
    }

    [Fact]
    public void A_complete_request_becomes_a_command_with_the_reason_trimmed()
    {
        var id = Guid.CreateVersion7();

        Assert.True(ResolveObjection.Validate(id, new ResolveObjectionRequest(true, "  业绩材料系伪造。 ")).Accepted(out var command, out _));

        Assert.Equal(new ResolveObjectionCommand(id, true, "业绩材料系伪造。"), command);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(ResolveObjection.MaxReasonLength, true)]
    [InlineData(ResolveObjection.MaxReasonLength + 1, false)]
    public void A_reason_is_two_to_two_thousand_characters_after_trimming(int length, bool valid)
    {
        var request = new ResolveObjectionRequest(false, " " + new string('理', length) + " ");

        Assert.Equal(valid, !ResolveObjection.Validate(Guid.CreateVersion7(), request).IsRefused);
    }

    [Theory]
    [InlineData(null, "经核实，异议不成立。")]
    [InlineData(true, null)]
    [InlineData(false, "   ")]
    public void An_incomplete_request_names_both_fields_in_the_words_it_always_used(bool? upheld, string? reason)
    {
        var refusal = ResolveObjection.Validate(Guid.CreateVersion7(), new ResolveObjectionRequest(upheld, reason)).Refusal;

        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["upheld", "reason"], refusal.Fields!.Keys);
        Assert.Equal("须说明异议是否成立（upheld: true/false）。 / upheld (true or false) is required.", Assert.Single(refusal.Fields["upheld"]).ToString());
        Assert.Equal("须填写处理理由（2到2000个字符）。 / reason is required (2 to 2000 characters).", Assert.Single(refusal.Fields["reason"]).ToString());
    }

    [Fact]
    public void No_request_at_all_is_refused()
    {
        Assert.True(ResolveObjection.Validate(Guid.CreateVersion7(), null).IsRefused);
    }
}
