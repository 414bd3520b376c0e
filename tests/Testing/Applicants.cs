namespace TitleReview.Testing;

/// <summary>People who apply, as the portal sends them: shared by the system journeys and the Intake tests.</summary>
public static class Applicants
{
    /// <summary>Business time inside the Xishan 2023 submission window.</summary>
    public static readonly DateTimeOffset InsideWindow = new(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The day the example application's work history ends: business today inside the window.</summary>
    public static DateOnly InsideWindowDay => DateOnly.FromDateTime(InsideWindow.UtcDateTime);

    /// <summary>
    /// A fresh valid 身份证 number (GB 11643) for each application: one person may have only one active application
    /// per level (三(六)), so tests that are not about the person must not share one.
    /// </summary>
    public static string NewIdNumber()
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 40 * 365));
        var first17 = $"320200{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        return first17 + TitleReview.Contracts.Identification.ResidentIdNumber.CheckCharacterOf(first17);
    }

    /// <summary>The declaration-only application (schema v1) the first development portal client may still send.</summary>
    public static object DeclarationOnly(string name = "张三", string level = "Engineer", string? idNumber = null) => new
    {
        schemaVersion = 1,
        cycleId = "xishan-engineering-2023",
        applicantName = name,
        idNumber = idNumber ?? NewIdNumber(),
        employer = "无锡某机械有限公司",
        series = "工程技术",
        specialty = "机械工程",
        level,
    };
}
