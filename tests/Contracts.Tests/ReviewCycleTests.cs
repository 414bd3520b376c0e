using TitleReview.Contracts.Cycles;

namespace TitleReview.Contracts.Tests;

public sealed class ReviewCycleTests
{
    private static readonly ReviewCycle Xishan = ReviewCycles.Get(ReviewCycles.Xishan2023);

    [Fact]
    public void The_2023_Xishan_cycle_ships_with_the_notice_dates()
    {
        Assert.Equal(new DateOnly(2023, 5, 22), Xishan.SubmissionOpens);
        Assert.Equal(new DateOnly(2023, 7, 31), Xishan.SubmissionCloses);
        Assert.Equal(new DateOnly(2022, 12, 31), Xishan.SeniorityCutoff);
        Assert.Equal(new DateOnly(2023, 3, 31), Xishan.AchievementsCutoff);
        Assert.Equal(["交通", "水利"], Xishan.ExcludedSpecialties);
        Assert.True(Xishan.PublicityWorkingDays >= 5);
    }

    [Theory]
    [InlineData(9, 6, true)]
    [InlineData(9, 5, false)]
    [InlineData(3, 2, true)]
    [InlineData(0, 0, false)]
    public void Quorum_is_two_thirds_of_the_members(int total, int present, bool quorate)
    {
        Assert.Equal(quorate, Xishan.HasQuorum(total, present));
    }

    [Theory]
    [InlineData(7, 5, true)]
    [InlineData(7, 4, false)]
    [InlineData(6, 4, true)]
    public void Passing_needs_two_thirds_of_those_present(int present, int votesFor, bool passes)
    {
        Assert.Equal(passes, Xishan.Passes(present, votesFor));
    }
}
