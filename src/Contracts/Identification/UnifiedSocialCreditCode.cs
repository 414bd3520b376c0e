namespace TitleReview.Contracts.Identification;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and the capitals except I, O, Z, S, V; the last is a check
/// character: 31 minus the weighted sum modulo 31 (31 counts as 0).
/// </summary>
public static class UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code)
    {
        var value = code?.Trim().ToUpperInvariant() ?? "";
        if (value.Length != 18 || value.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        return value[17] == CheckCharacterOf(value);
    }

    public static char CheckCharacterOf(string first17)
    {
        var sum = Enumerable.Range(0, 17).Sum(i => Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i]);
        return Alphabet[(31 - sum % 31) % 31];
    }
}
