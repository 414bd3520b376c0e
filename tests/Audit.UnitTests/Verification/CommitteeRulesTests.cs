using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Domain.Cycles;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

/// <summary>The 2023 Xishan cycle: at least 2/3 of the members present, and yes votes at least 2/3 of those present.</summary>
public sealed class CommitteeRulesTests
{
    private const int Max = int.MaxValue;

    private static List<Found> Decided(int total, int present, int yes, int no, int abstain, bool passed) =>
        [.. CommitteeRules.Check(Replayed(Clean().With(Ledger.Decided, Vote(total, present, yes, no, abstain, passed))), ReviewCycleCatalogue.Shipped)];

    [Fact]
    public void The_clean_history_decides_after_publicity_and_fee_with_its_quorum()
    {
        Assert.Empty(CommitteeRules.Check(Replayed(Clean()), ReviewCycleCatalogue.Shipped));
    }

    [Theory]
    [InlineData(9, 6, 4, 2, 0, true)] // exactly 2/3 present, exactly 2/3 yes
    [InlineData(9, 6, 3, 3, 0, false)] // one yes short: a fail, recorded as one
    [InlineData(9, 9, 0, 0, 9, false)]
    [InlineData(Max, Max, Max, 0, 0, true)] // every count at int.MaxValue: no overflow
    [InlineData(Max, Max, Max - 1, 1, 0, true)]
    [InlineData(Max, Max, 0, Max, 0, false)]
    [InlineData(3, 2, 2, 0, 0, true)]
    public void Counts_that_add_up_with_a_quorum_and_an_outcome_that_agrees_are_kept(int total, int present, int yes, int no, int abstain, bool passed)
    {
        Assert.Empty(Decided(total, present, yes, no, abstain, passed));
    }

    [Theory]
    [InlineData(9, 5, 5, 0, 0, true)] // one short of the quorum
    [InlineData(Max, Max / 3 * 2, Max / 3 * 2, 0, 0, true)] // just under 2/3 of int.MaxValue
    public void A_decision_without_a_quorum_is_reported(int total, int present, int yes, int no, int abstain, bool passed)
    {
        var found = Assert.Single(Decided(total, present, yes, no, abstain, passed));

        Assert.Equal(AuditRules.CommitteeQuorumAndThreshold, found.Rule);
        Assert.Equal([SequenceAt(Ledger.Decided)], found.Sequences);
        Assert.Equal($"{present} of {total} present, below the 2/3 quorum: the meeting cannot decide.", found.English);
    }

    [Theory]
    [InlineData(9, 6, 3, 3, 0, true, "should be a fail")]
    [InlineData(9, 6, 4, 2, 0, false, "should be a pass")]
    [InlineData(Max, Max, Max / 3 * 2, Max - (Max / 3 * 2), 0, true, "should be a fail")] // 2/3 of int.MaxValue less a little
    [InlineData(1 << 30, 1 << 30, 0, 1 << 30, 0, true, "should be a fail")] // 2^30 * 2 overflows int: zero yes votes must not pass
    public void An_outcome_that_disagrees_with_the_threshold_is_reported(int total, int present, int yes, int no, int abstain, bool passed, string should)
    {
        var found = Assert.Single(Decided(total, present, yes, no, abstain, passed));
        Assert.Contains(should, found.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, 7, Max, Max, 9, true, "4294967303")] // int.MaxValue twice and 9 wrap to 7 in int: the true total is reported
    [InlineData(-9, -7, 0, 0, -7, true, "-7")] // negative members and present
    [InlineData(9, 7, -1, 8, 0, false, "7")] // a negative vote that still adds up
    [InlineData(9, 7, 5, 0, 0, true, "5")] // fewer votes than members present
    [InlineData(9, 10, 10, 0, 0, true, "10")] // more present than members
    [InlineData(0, 0, 0, 0, 0, false, "0")] // no members at all
    [InlineData(Max, Max, Max, Max, Max, true, "6442450941")]
    public void Impossible_counts_are_reported_with_their_true_total(int total, int present, int yes, int no, int abstain, bool passed, string votesCast)
    {
        var found = Assert.Single(Decided(total, present, yes, no, abstain, passed));

        Assert.Equal(AuditRules.CommitteeQuorumAndThreshold, found.Rule);
        Assert.StartsWith("Impossible counts:", found.English, StringComparison.Ordinal);
        Assert.Contains($"{votesCast} in all", found.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_before_publicity_completed_and_the_fee_was_paid_names_both()
    {
        var found = Assert.Single(CommitteeRules.Check(Replayed(Clean().Without(Completed).Without(Paid)), ReviewCycleCatalogue.Shipped));

        Assert.Equal(AuditRules.CommitteeAfterPublicityAndFee, found.Rule);
        Assert.Equal("集中评审时公示未完成、未缴费。", found.Chinese);
        Assert.Equal("Decided before publicity completed and the fee was paid (publicity completed: False, fee paid: False).", found.English);
    }

    [Fact]
    public void A_decision_before_the_fee_was_paid_names_the_fee()
    {
        var found = Assert.Single(CommitteeRules.Check(Replayed(Clean().Without(Paid)), ReviewCycleCatalogue.Shipped));
        Assert.Equal("集中评审时未缴费。", found.Chinese);
    }

    [Fact]
    public void A_decision_in_a_history_whose_cycle_is_unknown_is_counted_by_the_2023_cycle()
    {
        var history = Clean().With(Submitted, Submission(cycle: "xishan-engineering-1999")).With(Ledger.Decided, Vote(9, 5, 5, 0, 0, passed: true));
        var found = Assert.Single(CommitteeRules.Check(Replayed(history), ReviewCycleCatalogue.Shipped));
        Assert.Contains("2/3 quorum", found.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quorum_and_a_timing_breach_at_the_same_decision_come_timing_first()
    {
        var findings = CommitteeRules.Check(Replayed(Clean().Without(Completed).With(Ledger.Decided - 1, Vote(9, 5, 5, 0, 0, passed: true))), ReviewCycleCatalogue.Shipped);
        Assert.Equal([AuditRules.CommitteeAfterPublicityAndFee, AuditRules.CommitteeQuorumAndThreshold], findings.Select(f => f.Rule));
    }
}
