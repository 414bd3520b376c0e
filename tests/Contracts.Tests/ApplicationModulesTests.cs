using TitleReview.Contracts;

namespace TitleReview.Contracts.Tests;

public class ApplicationModulesTests
{
    [Fact]
    public void Every_module_has_an_English_code_and_a_Chinese_label()
    {
        Assert.Equal(14, ApplicationModules.All.Count);
        Assert.All(ApplicationModules.All, code =>
        {
            Assert.Matches("^[A-Z][A-Za-z]+$", code);
            Assert.True(ApplicationModules.Labels.ContainsKey(code), code);
        });
        Assert.Equal(ApplicationModules.All.Count, ApplicationModules.Labels.Values.Distinct().Count());
    }

    [Theory]
    [InlineData(ApplicationModules.Basic, "基本信息")]
    [InlineData(ApplicationModules.Declaration, "申报信息")]
    [InlineData(ApplicationModules.Education, "学历情况")]
    [InlineData(ApplicationModules.UnitConsent, "单位同意证明")]
    public void A_code_shows_as_its_label_and_the_old_label_reads_back_as_the_code(string code, string label)
    {
        Assert.Equal(label, ApplicationModules.Label(code));
        Assert.Equal(code, ApplicationModules.CodeOf(label));
        Assert.Equal(code, ApplicationModules.CodeOf(code));
        Assert.Equal(label, ApplicationModules.Label(label));
    }

    [Fact]
    public void A_request_may_name_a_module_by_code_or_by_label_with_spaces_around_it()
    {
        Assert.True(ApplicationModules.TryParse(" 学历情况 ", out var fromLabel));
        Assert.Equal(ApplicationModules.Education, fromLabel);
        Assert.True(ApplicationModules.TryParse("Education", out var fromCode));
        Assert.Equal(ApplicationModules.Education, fromCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("education")]
    [InlineData("学历")]
    public void Anything_that_is_not_a_module_is_refused_by_parse_and_left_unchanged_by_the_lookups(string value)
    {
        Assert.False(ApplicationModules.TryParse(value, out _));
        Assert.Equal(value, ApplicationModules.CodeOf(value));
        Assert.Equal(value, ApplicationModules.Label(value));
    }
}
