using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Review.Features.ReviewActions;
using TitleReview.Testing;

namespace TitleReview.Review.UnitTests;

public sealed class ReviewDeciderTests
{
    private static readonly DateTimeOffset Now = ApplicationHistory.Start.AddDays(5);

    private static Decision<IApplicationEvent> Decide(ApplicationHistory history, ReviewCommand command) =>
        ReviewDecider.Decide(history.State, command, Now);

    private static Refusal Refused(Decision<IApplicationEvent> decision) => Assert.IsType<Refusal>(decision.Refusal);

    [Fact]
    public void A_submitted_application_is_claimed_by_the_caller()
    {
        var history = ApplicationHistory.Submitted();
        var started = Assert.IsType<ReviewStarted>(Decide(history, new ReviewCommand.Claim(history.Id, "li")).Outcome);
        Assert.Equal("li", started.ReviewerId);
        Assert.Equal(Now, started.StartedAt);
    }

    [Fact]
    public void The_claimant_may_claim_again_but_nobody_else_may()
    {
        var history = ApplicationHistory.Submitted().ClaimedBy("li");
        Assert.False(Decide(history, new ReviewCommand.Claim(history.Id, "li")).IsRefused);
        var refusal = Refused(Decide(history, new ReviewCommand.Claim(history.Id, "wang")));
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Contains("li", refusal.Reason.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Revision_rejection_and_approval_need_the_claim()
    {
        var history = ApplicationHistory.Submitted();
        Assert.Equal("claim-required", Refused(Decide(history, new ReviewCommand.Approve(history.Id, "li"))).Code);
        Assert.Equal("claim-required", Refused(Decide(history, new ReviewCommand.Reject(history.Id, "li", "材料不全"))).Code);
    }

    [Fact]
    public void Only_the_claimant_acts_on_a_claimed_file_admins_included()
    {
        var history = ApplicationHistory.Submitted().ClaimedBy("li");
        Assert.Equal("claimant-only", Refused(Decide(history, new ReviewCommand.Approve(history.Id, "admin"))).Code);
        Assert.Equal("claimant-only", Refused(Decide(history, new ReviewCommand.RequestRevision(history.Id, "admin", []))).Code);
    }

    [Fact]
    public void The_claimant_asks_for_a_revision_with_comments_per_module()
    {
        var history = ApplicationHistory.Submitted().ClaimedBy("li");
        var comments = new[] { new ModuleComment(ApplicationModules.Awards, "奖励证书不清晰。") };
        var revision = Assert.IsType<RevisionRequested>(Decide(history, new ReviewCommand.RequestRevision(history.Id, "li", comments)).Outcome);
        Assert.Equal(comments, revision.Comments);
    }

    [Fact]
    public void No_final_approval_while_a_revision_is_open()
    {
        var history = ApplicationHistory.Submitted().ClaimedBy("li").RevisionRequested();
        Assert.Equal("revision-open", Refused(Decide(history, new ReviewCommand.Approve(history.Id, "li"))).Code);
    }

    [Fact]
    public void The_claimant_gives_final_approval_once()
    {
        var history = ApplicationHistory.Submitted().ClaimedBy("li");
        var approved = Assert.IsType<FinalApproved>(Decide(history, new ReviewCommand.Approve(history.Id, "li")).Outcome);
        Assert.Equal("li", approved.ReviewerId);

        history.With(approved);
        Assert.Equal("review-state", Refused(Decide(history, new ReviewCommand.Approve(history.Id, "li"))).Code);
        Assert.Equal("review-state", Refused(Decide(history, new ReviewCommand.Reject(history.Id, "li", "迟到的拒绝"))).Code);
    }

    [Fact]
    public void Nothing_happens_after_a_rejection()
    {
        var history = ApplicationHistory.Submitted().ClaimedBy("li");
        history.With(Decide(history, new ReviewCommand.Reject(history.Id, "li", "不符合申报条件")).Outcome!);
        Assert.All(
            new ReviewCommand[] { new ReviewCommand.Claim(history.Id, "li"), new ReviewCommand.Approve(history.Id, "li"), new ReviewCommand.Reject(history.Id, "li", "再次") },
            command => Assert.Equal(RefusalKind.Conflict, Refused(Decide(history, command)).Kind));
    }
}
