namespace TitleReview.Testing;

/// <summary>Settings a service needs in tests: the ones every test host gets, and those of one service.</summary>
public static class ServiceHostSettings
{
    public const string PlatformSecret = "test-only-platform-signing-secret";

    /// <summary>
    /// What every service gets in tests, in process (<see cref="ServiceHost{TMarker}"/>) or as a published process:
    /// the movable business clock, jobs polling every second, limits out of the tests' way, the payment platform's
    /// test secret and fees for the built-in cycle.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>
    {
        ["BusinessClock:Adjustable"] = "true",
        ["Publicity:Jobs:PollInterval"] = "00:00:01",
        ["Messaging:DeadLetters:PollInterval"] = "00:00:01",
        ["Publicity:Jobs:AutoPublishAt"] = "",
        ["Publicity:Jobs:ObjectionsPerMinute"] = "1000",
        ["Auth:SignInAttemptsPerMinute"] = "1000",
        ["Payment:Platform:SigningSecret"] = PlatformSecret,
        ["Payment:Fees:Cycles:xishan-engineering-2023:Engineer"] = "300.00",
        ["Payment:Fees:Cycles:xishan-engineering-2023:AssistantEngineer"] = "200.00",
        ["Payment:Fees:Cycles:xishan-engineering-2023:Technician"] = "200.00",

        // EmployerCommitteeTests loads a second cycle into the process (Cycles:Directory); Payment validates its fee
        // schedule against every loaded cycle, so that cycle needs fees too or any later fee assessment fails.
        ["Payment:Fees:Cycles:test-other-engineering-2023:Engineer"] = "300.00",
        ["Payment:Fees:Cycles:test-other-engineering-2023:AssistantEngineer"] = "200.00",
        ["Payment:Fees:Cycles:test-other-engineering-2023:Technician"] = "200.00",
    };

    /// <summary>Audit in tests: seals on demand only, every event settled at once, Intake at its test address.</summary>
    public static Dictionary<string, string> Audit(Uri? intake) => new()
    {
        ["Audit:Seals:Interval"] = "00:00:00",
        ["Audit:Seals:Settle"] = "00:00:00",
        ["Audit:IntakeAddress"] = intake?.ToString() ?? "http://127.0.0.1:9",
    };
}
