using TitleReview.Publicity.Features.Objections;

namespace TitleReview.Publicity.UnitTests.Objections;

public sealed class LodgeObjectionValidationTests
{
    private static readonly LodgeObjectionRequest Valid =
        new(null, "材料与实际工作经历不符，请核实。", "张三", "13800000000", Guid.CreateVersion7(), 1);

    [Fact]
    public void A_complete_request_naming_a_notice_line_is_valid()
    {
        Assert.Null(LodgeObjection.Validate(Valid));
    }

    [Fact]
    public void A_request_naming_an_application_instead_of_a_notice_line_is_valid()
    {
        Assert.Null(LodgeObjection.Validate(Valid with { ApplicationId = Guid.CreateVersion7(), NoticeId = null, Row = null }));
    }

    [Fact]
    public void No_request_at_all_lists_every_field()
    {
        var refusal = LodgeObjection.Validate(null);

        Assert.NotNull(refusal);
        Assert.Equal(["contact", "contactName", "noticeId", "summary"], refusal.Fields!.Keys.Order());
    }

    [Fact]
    public void Naming_both_an_application_and_a_notice_line_is_refused()
    {
        Assert.Contains("noticeId", LodgeObjection.Validate(Valid with { ApplicationId = Guid.CreateVersion7() })!.Fields!.Keys);
    }

    [Fact]
    public void Row_zero_names_no_line()
    {
        Assert.Contains("noticeId", LodgeObjection.Validate(Valid with { Row = 0 })!.Fields!.Keys);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(LodgeObjection.MaxSummaryLength, true)]
    [InlineData(LodgeObjection.MaxSummaryLength + 1, false)]
    public void A_summary_is_ten_to_two_thousand_characters(int length, bool valid)
    {
        Assert.Equal(valid, LodgeObjection.Validate(Valid with { Summary = new string('异', length) }) is null);
    }

    [Theory]
    [InlineData("138-0000-0000", true)]
    [InlineData("someone@example.cn", true)]
    [InlineData("call me", false)]
    [InlineData("", false)]
    public void A_contact_is_a_phone_number_or_an_email_address(string contact, bool valid)
    {
        Assert.Equal(valid, LodgeObjection.Validate(Valid with { Contact = contact }) is null);
    }

    [Fact]
    public void The_public_form_shows_the_chinese_of_each_field_message()
    {
        var messages = LodgeObjection.ChineseMessages(LodgeObjection.Validate(Valid with { ContactName = " " })!).ToList();

        Assert.Equal(["必须填写联系人姓名（不超过50个字符）。"], messages);
    }

    [Fact]
    public void The_public_form_shows_the_chinese_reason_of_a_refusal_without_fields()
    {
        Assert.Equal(["该申报不在公示期内，无法受理异议。"], LodgeObjection.ChineseMessages(LodgeObjection.OutsidePublicity));
    }
}
