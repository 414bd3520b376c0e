using TitleReview.Contracts.Applications;
using TitleReview.Domain.Cycles;

namespace TitleReview.Contracts.Tests;

public sealed class ReviewCycleTests
{
    private static readonly ReviewCycle Xishan = ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023);

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

    /// <summary>
    /// Counts no meeting can have are never a quorum nor a pass: 2^30 present times 2 overflowed int to a negative
    /// number, so zero yes votes "reached" it; int.MaxValue yes votes times 3 wrapped the same way.
    /// </summary>
    [Theory]
    [InlineData(1 << 30, 1 << 30, 0, false)]
    [InlineData(int.MaxValue, int.MaxValue, 0, false)]
    [InlineData(9, 7, int.MaxValue, false)]
    [InlineData(9, 7, 715827883, false)]
    [InlineData(9, -7, 0, false)]
    [InlineData(9, 7, -1, false)]
    [InlineData(9, 12, 12, false)]
    public void Impossible_or_overflowing_counts_are_never_a_quorate_pass(int total, int present, int votesFor, bool expected)
    {
        Assert.Equal(expected, Xishan.HasQuorum(total, present) && Xishan.Passes(present, votesFor));
    }

    [Fact]
    public void Two_thirds_of_int_MaxValue_members_is_still_computed_exactly()
    {
        Assert.True(Xishan.HasQuorum(int.MaxValue, int.MaxValue));
        Assert.True(Xishan.Passes(int.MaxValue, int.MaxValue));
        Assert.False(Xishan.Passes(int.MaxValue, 1_431_655_764));   // ⌈2/3 · (2^31−1)⌉ − 1
        Assert.True(Xishan.Passes(int.MaxValue, 1_431_655_765));
    }

    /// <summary>
    /// 人社部发〔2019〕16号 附件《工程技术人才职称评价基本标准》, line by line: (level, education, title held first, years).
    /// 技术员: 本科 directly; 大专、中专 after 1 year. 助理工程师: 硕士或第二学士学位 directly; 本科 after 1 year; 大专 技术员 + 2;
    /// 中专 技术员 + 4. 工程师: 博士 directly; 硕士或第二学士学位 助理工程师 + 2; 本科 助理工程师 + 4; 大专 助理工程师 + 4.
    /// </summary>
    [Theory]
    [InlineData("Technician", "Bachelor", null, 0)]
    [InlineData("Technician", "College", null, 1)]
    [InlineData("Technician", "Secondary", null, 1)]
    [InlineData("AssistantEngineer", "Master", null, 0)]
    [InlineData("AssistantEngineer", "SecondBachelor", null, 0)]
    [InlineData("AssistantEngineer", "Bachelor", null, 1)]
    [InlineData("AssistantEngineer", "College", "Technician", 2)]
    [InlineData("AssistantEngineer", "Secondary", "Technician", 4)]
    [InlineData("Engineer", "Doctorate", null, 0)]
    [InlineData("Engineer", "Master", "AssistantEngineer", 2)]
    [InlineData("Engineer", "SecondBachelor", "AssistantEngineer", 2)]
    [InlineData("Engineer", "Bachelor", "AssistantEngineer", 4)]
    [InlineData("Engineer", "College", "AssistantEngineer", 4)]
    public void Seniority_rows_are_those_of_the_national_standard(string level, string education, string? afterTitle, int years)
    {
        var row = Xishan.SeniorityFor(Enum.Parse<TitleLevel>(level), education);

        Assert.NotNull(row);
        Assert.Equal(afterTitle is null ? null : Enum.Parse<TitleLevel>(afterTitle), row.AfterTitle);
        Assert.Equal(years, row.Years);
        Assert.Contains(education, Vocabulary.EducationLevel.Keys);
    }

    [Theory]
    [InlineData("Engineer", "Secondary")]
    [InlineData("Technician", "Master")]
    public void Educations_the_standard_does_not_name_at_a_level_have_no_row(string level, string education)
    {
        Assert.Null(Xishan.SeniorityFor(Enum.Parse<TitleLevel>(level), education));
    }

    [Fact]
    public void Second_bachelors_degree_is_an_education_choice_with_its_chinese_name()
    {
        Assert.Equal("第二学士学位", Vocabulary.EducationLevel["SecondBachelor"]);
    }
}
