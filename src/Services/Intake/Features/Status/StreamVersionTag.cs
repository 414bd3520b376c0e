namespace TitleReview.Intake.Features.Status;

/// <summary>An application's ledger stream version as an HTTP entity tag ("7"), and back.</summary>
public static class StreamVersionTag
{
    public static string Of(long version) => $"\"{version}\"";

    /// <summary>The version in an If-Match header, or null when it is missing or not one of ours.</summary>
    public static long? Parse(string? ifMatch)
    {
        var value = ifMatch?.Trim();
        if (value is null || value.Length < 3 || value[0] != '"' || value[^1] != '"')
        {
            return null;
        }

        return long.TryParse(value[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null;
    }
}
