using TitleReview.Domain;

namespace TitleReview.Review.Features.ReviewPages;

/// <summary>What a page shows a person for a refusal: the Chinese of each field at fault, or of the reason.</summary>
public static class RefusalText
{
    public static string ChineseText(this Refusal refusal) =>
        refusal.Fields is { Count: > 0 } fields
            ? string.Join("；", fields.Values.SelectMany(messages => messages).Select(message => message.Chinese))
            : refusal.Reason.Chinese;
}
