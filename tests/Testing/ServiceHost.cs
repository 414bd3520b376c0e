using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TitleReview.Testing;

/// <summary>
/// One real service, in process, on the run's own database and virtual host. <typeparamref name="TMarker"/> is any
/// public type of the service's assembly: it only tells the factory which entry point to start.
/// </summary>
public sealed class ServiceHost<TMarker>(TestInfrastructure infrastructure, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<TMarker> where TMarker : class
{
    public const string PlatformSecret = "test-only-platform-signing-secret";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:eventstore", infrastructure.EventStore);
        builder.UseSetting("ConnectionStrings:messaging", infrastructure.Messaging);
        builder.UseSetting("BusinessClock:Adjustable", "true");
        builder.UseSetting("Publicity:Jobs:PollInterval", "00:00:01");
        builder.UseSetting("Messaging:DeadLetters:PollInterval", "00:00:01");
        builder.UseSetting("Publicity:Jobs:AutoPublishAt", "");
        builder.UseSetting("Publicity:Jobs:ObjectionsPerMinute", "1000");
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("Payment:Platform:SigningSecret", PlatformSecret);
        builder.UseSetting("Payment:Fees:Cycles:xishan-engineering-2023:Engineer", "300.00");
        builder.UseSetting("Payment:Fees:Cycles:xishan-engineering-2023:AssistantEngineer", "200.00");
        builder.UseSetting("Payment:Fees:Cycles:xishan-engineering-2023:Technician", "200.00");

        // EmployerCommitteeTests loads a second cycle into the process (Cycles:Directory); Payment validates its fee
        // schedule against every loaded cycle, so that cycle needs fees too or any later fee assessment fails.
        builder.UseSetting("Payment:Fees:Cycles:test-other-engineering-2023:Engineer", "300.00");
        builder.UseSetting("Payment:Fees:Cycles:test-other-engineering-2023:AssistantEngineer", "200.00");
        builder.UseSetting("Payment:Fees:Cycles:test-other-engineering-2023:Technician", "200.00");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
