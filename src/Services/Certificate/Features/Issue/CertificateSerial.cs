using TitleReview.Contracts;
using TitleReview.Domain.Cycles;

namespace TitleReview.Certificate.Features.Issue;

/// <summary>
/// The last serial used for one committee, year and level. Stored with optimistic concurrency in the same
/// transaction as the certificate, so two issues at once cannot take the same serial and a failed issue leaves
/// no gap: numbers are gapless and never reused.
/// </summary>
public sealed class CertificateSerial
{
    public string Id { get; set; } = "";
    public int Last { get; set; }

    public static string KeyFor(ReviewCycle cycle, TitleLevel level) => $"{cycle.CommitteeCode}-{cycle.Year}-{LevelCode(level)}";

    /// <summary>Scheme: {committee code}-{year}-{Z 中级 | C 初级}-{serial, 5 digits}, e.g. XSGC-2023-Z-00001.</summary>
    public static string Format(string key, int serial) => $"{key}-{serial:D5}";

    private static string LevelCode(TitleLevel level) => level == TitleLevel.Engineer ? "Z" : "C";
}
