using TitleReview.Contracts.Identification;

namespace TitleReview.Contracts.Tests;

public sealed class IdentificationTests
{
    [Theory]
    [InlineData("11010519491231002X")]   // the standard's own example
    [InlineData("320200199001011235")]
    [InlineData("320200198505050014")]
    public void Valid_resident_id_numbers_pass(string number) => Assert.True(ResidentIdNumber.IsValid(number));

    [Theory]
    [InlineData("110105194912310021", "校验位")]   // wrong check character
    [InlineData("110105194902300020", "出生日期")]   // 1949-02-30
    [InlineData("11010519491231002", "18位")]
    [InlineData("11010519491231002Y", "18位")]
    [InlineData("", "18位")]
    public void Invalid_resident_id_numbers_say_why(string number, string reason) =>
        Assert.Contains(reason, ResidentIdNumber.Problem(number)?.Chinese);

    [Theory]
    [InlineData("91350100M000100Y43")]   // a published example code
    [InlineData("91110000600037341L")]
    public void Valid_credit_codes_pass(string code) => Assert.True(UnifiedSocialCreditCode.IsValid(code));

    [Theory]
    [InlineData("91350100M000100Y44")]   // check character changed
    [InlineData("91350100M000100I43")]   // I is not in the alphabet
    [InlineData("91350100M000100Y4")]
    public void Invalid_credit_codes_fail(string code) => Assert.False(UnifiedSocialCreditCode.IsValid(code));
}
