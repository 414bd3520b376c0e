using System.Reflection;

namespace TitleReview.Architecture.Tests;

/// <summary>The projects as the rules name them, by an anchor type in each assembly.</summary>
internal static class Layers
{
    public static Assembly Contracts => typeof(TitleReview.Contracts.ServiceName).Assembly;

    public static Assembly Domain => typeof(TitleReview.Domain.Refusal).Assembly;

    public static Assembly Web => typeof(TitleReview.Web.Http.Problems).Assembly;

    public static Assembly ServiceDefaults => typeof(TitleReview.ServiceDefaults.ConnectionNames).Assembly;

    public static Assembly EventStore => typeof(TitleReview.EventStore.EventStoreRegistration).Assembly;

    /// <summary>Each service's assembly with the root namespace its code lives in.</summary>
    public static IReadOnlyDictionary<string, Assembly> Services { get; } = new Dictionary<string, Assembly>
    {
        ["TitleReview.Intake"] = typeof(TitleReview.Intake.IntakeRegistration).Assembly,
        ["TitleReview.Review"] = typeof(TitleReview.Review.ReviewRegistration).Assembly,
        ["TitleReview.Publicity"] = typeof(TitleReview.Publicity.PublicityRegistration).Assembly,
        ["TitleReview.Payment"] = typeof(TitleReview.Payment.PaymentRegistration).Assembly,
        ["TitleReview.Certificate"] = typeof(TitleReview.Certificate.CertificateRegistration).Assembly,
        ["TitleReview.Audit"] = typeof(TitleReview.Audit.AuditRegistration).Assembly,
    };

    /// <summary>What "infrastructure" means for the pure projects: web, ledger, broker, database, resilience, telemetry.</summary>
    public static readonly string[] Infrastructure =
    [
        "Microsoft.AspNetCore", "Marten", "JasperFx", "Weasel", "MassTransit", "Npgsql", "Polly", "OpenTelemetry",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.DependencyInjection",
    ];

    /// <summary>The ledger and broker libraries only the EventStore project may take a package reference to.</summary>
    public static readonly string[] LedgerPackages = ["Marten", "MassTransit.RabbitMQ", "MassTransit"];

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TitleReview.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("TitleReview.sln not found above the test's directory.");
        }
    }
}
