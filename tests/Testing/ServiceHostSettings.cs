namespace TitleReview.Testing;

/// <summary>Settings a service needs in tests beyond ServiceHost's defaults.</summary>
public static class ServiceHostSettings
{
    /// <summary>Audit in tests: seals on demand only, every event settled at once, Intake at its test address.</summary>
    public static Dictionary<string, string> Audit(Uri? intake) => new()
    {
        ["Audit:Seals:Interval"] = "00:00:00",
        ["Audit:Seals:Settle"] = "00:00:00",
        ["Audit:IntakeAddress"] = intake?.ToString() ?? "http://127.0.0.1:9",
    };
}
