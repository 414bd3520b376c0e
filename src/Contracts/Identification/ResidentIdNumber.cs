using System.Globalization;

namespace TitleReview.Contracts.Identification;

/// <summary>
/// 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit date of birth (a real date), 3-digit sequence, and a check
/// character computed with ISO 7064 MOD 11-2 (X stands for 10).
/// </summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string? number) => Problem(number) is null;

    /// <summary>
    /// Why the number is not valid, in Chinese and English; null when it is. Contracts cannot see the Domain's
    /// <c>Bilingual</c>, so the two languages travel as a pair and the caller makes the <c>Bilingual</c>.
    /// </summary>
    public static (string Chinese, string English)? Problem(string? number)
    {
        var value = number?.Trim().ToUpperInvariant() ?? "";
        if (value.Length != 18 || !value[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(value[17]) || value[17] == 'X'))
        {
            return ("身份证号码应为18位（末位可为X）。", "The 身份证 number is 18 characters, the last a digit or X.");
        }

        if (!DateOnly.TryParseExact(value[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return ("身份证号码中的出生日期不是有效日期。", "The date of birth in the 身份证 number is not a real date.");
        }

        return value[17] == CheckCharacterOf(value) ? null : ("身份证号码校验位不正确（GB 11643）。", "The 身份证 number's check character is wrong (GB 11643).");
    }

    public static char CheckCharacterOf(string first17) =>
        CheckCharacters[Enumerable.Range(0, 17).Sum(i => (first17[i] - '0') * Weights[i]) % 11];
}
