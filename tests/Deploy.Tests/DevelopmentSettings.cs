using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// What a published service needs to run in Development against a test run's ledger and virtual host: the
/// development API keys and sign-in, the movable business clock (started at <c>businessNow</c>, so its jobs never
/// see the real date), fees for the built-in cycle, and each service's own test settings.
/// </summary>
public static class DevelopmentSettings
{
    public static Dictionary<string, string> For(string service, TestInfrastructure infrastructure, Uri intake, DateTimeOffset businessNow)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__eventstore"] = infrastructure.EventStore,
            ["ConnectionStrings__messaging"] = infrastructure.Messaging,
            ["BusinessClock__Adjustable"] = "true",
            ["BusinessClock__StartAt"] = businessNow.ToString("O"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Auth__SignInAttemptsPerMinute"] = "1000",
        };
        foreach (var (key, value) in OwnSettings(service, intake.ToString()))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static (string Key, string Value)[] OwnSettings(string service, string intake) => service switch
    {
        // The short declaration-only application (schema v1), as the system tests submit it. The test asks every
        // application's status every half second until it moves: far beyond a portal's 600 a minute.
        "intake" => [("Intake__Portal__DeclarationOnlyClients__0", "dev-portal"), ("Intake__RateLimit__PerMinute", "100000")],
        "review" => [("Review__IntakeAddress", intake)],
        "publicity" => [("Publicity__Jobs__PollInterval", "00:00:01"), ("Publicity__Jobs__AutoPublishAt", "")],
        "payment" =>
        [
            ("Payment__Platform__SigningSecret", "test-only-platform-signing-secret"),
            ("Payment__Fees__Cycles__xishan-engineering-2023__Engineer", "300.00"),
            ("Payment__Fees__Cycles__xishan-engineering-2023__AssistantEngineer", "200.00"),
            ("Payment__Fees__Cycles__xishan-engineering-2023__Technician", "200.00"),
        ],
        // Seals every two seconds in every instance: only the job's lease keeps two from sealing the same events.
        "audit" => [("Audit__IntakeAddress", intake), ("Audit__Seals__Interval", "00:00:02"), ("Audit__Seals__Settle", "00:00:00")],
        _ => [],
    };
}
