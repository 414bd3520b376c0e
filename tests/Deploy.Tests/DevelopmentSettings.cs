using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// What a published service needs to run in Development against a test run's ledger and virtual host: the
/// development API keys and sign-in, the test hosts' defaults (<see cref="ServiceHostSettings.Defaults"/>: the movable
/// business clock, here started at <c>businessNow</c> so its jobs never see the real date, fees, the platform's test
/// secret), and each service's own settings for these tests.
/// </summary>
public static class DevelopmentSettings
{
    public static Dictionary<string, string> For(string service, TestInfrastructure infrastructure, Uri intake, DateTimeOffset businessNow)
    {
        // The in-process test hosts' defaults, as environment variables ("__" for ":").
        var settings = ServiceHostSettings.Defaults.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        settings["ConnectionStrings__eventstore"] = infrastructure.EventStore;
        settings["ConnectionStrings__messaging"] = infrastructure.Messaging;
        settings["BusinessClock__StartAt"] = businessNow.ToString("O");
        settings["Logging__LogLevel__Default"] = "Warning";
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
        // Seals every two seconds in every instance: only the job's lease keeps two from sealing the same events.
        "audit" => [("Audit__IntakeAddress", intake), ("Audit__Seals__Interval", "00:00:02"), ("Audit__Seals__Settle", "00:00:00")],
        _ => [],
    };
}
