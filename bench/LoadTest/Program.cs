using TitleReview.Bench.Load;

// The load generator of issue #14: drives the running services (bench/LoadTest/services.sh) over HTTP as portals and
// the back office do, reads propagation per hop from PostgreSQL afterwards, and measures the raw Marten and RabbitMQ
// rates of this machine in the same run. Scenarios and options: BenchOptions.Usage; what each means: bench/README.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"{e.Message}\n\n{BenchOptions.Usage}");
    return 2;
}

// The run's database (propagation, the raw rate's scratch database beside it) and virtual host: services.sh env.
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__eventstore")
    ?? throw new InvalidOperationException("Set the run's connection strings: eval \"$(bench/LoadTest/services.sh env)\".");
var messaging = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");

using var services = new ServiceClients(options.BasePort);
if (options.Scenario != "raw")
{
    await services.EnsureAliveAsync();
}

switch (options.Scenario)
{
    case "rush" or "steady" or "seed":
        await LoadScenario.RunAsync(options, services, connectionString, messaging);
        break;
    case "certify":
        await CertifyScenario.RunAsync(options, services, connectionString);
        break;
    case "reads":
        await ReadsScenario.RunAsync(options, services, connectionString);
        break;
    case "raw":
        await RawScenario.RunAsync(options, connectionString, messaging);
        break;
    default:
        Console.Error.WriteLine($"Unknown scenario '{options.Scenario}'.\n\n{BenchOptions.Usage}");
        return 2;
}

return 0;
