using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Review.Features.ReviewActions;

namespace TitleReview.Review.UnitTests;

public sealed class ReviewDeciderTests
{
    private static readonly Guid Id = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset Now = new(2023, 5, 10, 9, 30, 0, TimeSpan.FromHours(8));
    private static readonly ModuleComment[] Comments = [new("基本信息", "请补充照片")];

    private static ReviewState State(ApplicationStatus status, string? reviewer = null, bool terminal = false,
        bool finalApproved = false,
        bool revisionOpen = false) => new(Id, status, reviewer, terminal, finalApproved, revisionOpen, Version: 3);

    private static IApplicationEvent Accepted(Decision<IApplicationEvent> decision)
    {
        Assert.True(decision.Accepted(out var decided, out var refusal), refusal?.Reason.ToString());
        return decided;
    }

    private static Refusal Refused(Decision<IApplicationEvent> decision)
    {
        Assert.False(decision.Accepted(out _, out var refusal));
        return refusal;
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.Resubmitted)]
    public void An_unclaimed_submitted_or_resubmitted_file_is_claimed_by_the_caller(ApplicationStatus status)
    {
        var started = Assert.IsType<ReviewStarted>(Accepted(ReviewDecider.Decide(State(status),
            new ReviewCommand.Claim("reviewer-wang"), Now)));

        Assert.Equal(new ReviewStarted(Id, "reviewer-wang", Now), started);
    }

    [Fact]
    public void The_reviewer_holding_the_claim_may_claim_again_after_a_resubmission()
    {
        Assert.IsType<ReviewStarted>(Accepted(ReviewDecider.Decide(State(ApplicationStatus.Resubmitted,
            "reviewer-wang"), new ReviewCommand.Claim("reviewer-wang"), Now)));
    }

    [Fact]
    public void A_file_claimed_by_someone_else_cannot_be_claimed_and_the_refusal_names_the_holder()
    {
        var refusal = Refused(ReviewDecider.Decide(State(ApplicationStatus.UnderReview, "reviewer-li"),
            new ReviewCommand.Claim("reviewer-wang"), Now));

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("review-claimed", refusal.Code);
        Assert.Equal("该申报已由 reviewer-li 认领。", refusal.Reason.Chinese);
    }

    [Theory]
    [InlineData(ApplicationStatus.RevisionRequested)]
    [InlineData(ApplicationStatus.FinalApproved)]
    [InlineData(ApplicationStatus.Rejected)]
    [InlineData(ApplicationStatus.Withdrawn)]
    public void A_file_past_the_reviewers_queue_cannot_be_claimed(ApplicationStatus status)
    {
        var refusal = Refused(ReviewDecider.Decide(State(status), new ReviewCommand.Claim("reviewer-wang"), Now));

        Assert.Equal("review-status", refusal.Code);
        Assert.Contains("不能认领", refusal.Reason.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void The_claim_holder_asks_for_a_revision_with_the_comments_per_module()
    {
        var decided = ReviewDecider.Decide(State(ApplicationStatus.UnderReview, "reviewer-wang"),
            new ReviewCommand.RequestRevision("reviewer-wang", Comments), Now);

        var revision = Assert.IsType<RevisionRequested>(Accepted(decided));
        Assert.Equal(Id, revision.ApplicationId);
        Assert.Equal(Comments, revision.Comments);
        Assert.Equal(Now, revision.RequestedAt);
    }

    [Theory]
    [InlineData(null, "review-not-claimed")]
    [InlineData("reviewer-li", "review-claimed")]
    public void Revision_rejection_and_approval_are_refused_to_anyone_but_the_claim_holder(string? holder, string code)
    {
        var state = State(ApplicationStatus.UnderReview, holder);
        ReviewCommand[] commands =
        [
            new ReviewCommand.RequestRevision("reviewer-wang", Comments),
            new ReviewCommand.Reject("reviewer-wang", "材料不全"),
            new ReviewCommand.Approve("reviewer-wang"),
        ];

        Assert.All(commands, command => Assert.Equal(code, Refused(ReviewDecider.Decide(state, command, Now)).Code));
    }

    [Fact]
    public void A_revision_is_refused_unless_the_file_is_under_review()
    {
        var refusal = Refused(ReviewDecider.Decide(State(ApplicationStatus.Submitted, "reviewer-wang"),
            new ReviewCommand.RequestRevision("reviewer-wang", Comments), Now));

        Assert.Equal("review-status", refusal.Code);
    }

    [Fact]
    public void The_claim_holder_rejects_with_the_reason()
    {
        var rejected = Assert.IsType<ApplicationRejected>(Accepted(
            ReviewDecider.Decide(State(ApplicationStatus.UnderReview, "reviewer-wang"),
                new ReviewCommand.Reject("reviewer-wang", "材料不全"), Now)));

        Assert.Equal(new ApplicationRejected(Id, "材料不全", Now), rejected);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_finished_or_finally_approved_file_can_be_neither_rejected_nor_approved(bool terminal,
        bool finalApproved)
    {
        var state = State(ApplicationStatus.UnderReview, "reviewer-wang", terminal, finalApproved);

        Assert.Equal("review-status", Refused(ReviewDecider.Decide(state, new ReviewCommand.Reject("reviewer-wang",
            "材料不全"), Now)).Code);
        Assert.Equal("review-status", Refused(ReviewDecider.Decide(state, new ReviewCommand.Approve("reviewer-wang"),
            Now)).Code);
    }

    [Fact]
    public void The_claim_holder_gives_final_approval_in_their_own_name()
    {
        var approved = Assert.IsType<FinalApproved>(Accepted(
            ReviewDecider.Decide(State(ApplicationStatus.UnderReview, "reviewer-wang"),
                new ReviewCommand.Approve("reviewer-wang"), Now)));

        Assert.Equal(new FinalApproved(Id, "reviewer-wang", Now), approved);
    }

    [Fact]
    public void Final_approval_waits_while_a_revision_request_is_open()
    {
        var refusal = Refused(ReviewDecider.Decide(State(ApplicationStatus.RevisionRequested, "reviewer-wang",
            revisionOpen: true), new ReviewCommand.Approve("reviewer-wang"), Now));

        Assert.Equal("review-revision-open", refusal.Code);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
    }

    [Fact]
    public void Each_accepted_action_says_where_the_review_stands_after_it()
    {
        Assert.Equal(ApplicationStatus.UnderReview, ReviewDecider.StatusAfter(new ReviewStarted(Id, "r", Now)));
        Assert.Equal(ApplicationStatus.RevisionRequested, ReviewDecider.StatusAfter(new RevisionRequested(Id, Comments,
            Now)));
        Assert.Equal(ApplicationStatus.Rejected, ReviewDecider.StatusAfter(new ApplicationRejected(Id, "x", Now)));
        Assert.Equal(ApplicationStatus.FinalApproved, ReviewDecider.StatusAfter(new FinalApproved(Id, "r", Now)));
    }

    public static TheoryData<ModuleComment?[]?> BadComments() => new()
    {
        null,
        Array.Empty<ModuleComment?>(),
        new ModuleComment?[] { null },
        new ModuleComment?[] { new(" ", "请补充") },
        new ModuleComment?[] { new("基本信息", " ") },
        new ModuleComment?[] { new(new string('模', ReviewDecider.MaxModuleLength + 1), "请补充") },
        new ModuleComment?[] { new("基本信息", new string('意', ReviewDecider.MaxCommentLength + 1)) },
        new ModuleComment?[] { new("基本信息", "请补充"), new("学历", "") },
    };

    [Theory]
    [MemberData(nameof(BadComments))]
    public void A_revision_without_a_comment_for_each_named_module_is_refused_naming_the_comments(ModuleComment?[]? comments)
    {
        var refusal = ReviewDecider.CheckComments(comments);

        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["comments"], refusal.Fields!.Keys);
    }

    [Fact]
    public void Comments_at_the_longest_allowed_module_and_text_are_accepted()
    {
        Assert.Null(ReviewDecider.CheckComments([new(new string('模', ReviewDecider.MaxModuleLength), new string('意',
            ReviewDecider.MaxCommentLength))]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_rejection_without_a_reason_is_refused_naming_the_reason(string? reason)
    {
        Assert.Equal(["reason"], ReviewDecider.CheckReason(reason)!.Fields!.Keys);
    }

    [Fact]
    public void A_reason_of_exactly_1000_characters_is_accepted_and_1001_is_refused()
    {
        Assert.Null(ReviewDecider.CheckReason(new string('因', 1000)));
        Assert.NotNull(ReviewDecider.CheckReason(new string('因', 1001)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dev-reviewer")]
    [InlineData("  dev-reviewer ")]
    public void Naming_no_reviewer_or_the_caller_is_accepted(string? named)
    {
        Assert.Null(ReviewDecider.CheckNamedReviewer(named, "dev-reviewer"));
    }

    [Fact]
    public void Naming_another_reviewer_than_the_caller_is_refused_naming_the_field()
    {
        var refusal = ReviewDecider.CheckNamedReviewer("reviewer-forged", "dev-reviewer");

        Assert.Equal(["reviewerId"], refusal!.Fields!.Keys);
        Assert.Contains("dev-reviewer", refusal.Fields["reviewerId"][0].English, StringComparison.Ordinal);
    }
}
