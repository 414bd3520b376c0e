using System.Globalization;

namespace TitleReview.Bench.Load;

/// <summary>What a portal does per unit of load: the whole flow (five uploads, then the submission) or the submission alone.</summary>
public enum Flow
{
    Submit,
    Full,
}

/// <summary>The command line: a scenario name, then <c>--name value</c> pairs (see <see cref="Usage"/>).</summary>
public sealed record BenchOptions(
    string Scenario,
    int Portals,
    double Rate,
    TimeSpan Duration,
    Flow Flow,
    int ApproveEvery,
    TimeSpan RawDuration,
    int RawWriters,
    int Count,
    int Rounds,
    int BasePort,
    string Label,
    TimeSpan WarmDuration)
{
    public const string Usage = """
        dotnet run -c Release --project bench/LoadTest -- SCENARIO [options]
        (the services from bench/LoadTest/services.sh start; eval "$(bench/LoadTest/services.sh env)" first)

        rush      closed loop: --portals N portals, each sends its next request when the answer came, for --duration
        steady    open loop: --rate R submissions a second on schedule for --duration, whether answers came or not
        certify   --count N applications taken to the committee, then their passes recorded evenly over --duration,
                  with --rate R submissions a second beside them (0); times CommitteeDecided -> CertificateIssued
        reads     the back office's and the public's list pages, each --rounds times (first page, a filter, a deep page)
        seed      --count N applications submitted by --portals N portals (data for reads)
        raw       only the raw Marten start-stream and RabbitMQ rates

        --flow submit|full    submission alone (files uploaded once at start) or uploads + submission each time (submit)
        --duration SECONDS    rush, steady, certify (15)
        --portals N           rush and seed (16)
        --rate R              steady, submissions a second (20); certify, beside the decisions (0)
        --approve-every K     rush and steady: every K-th accepted application is claimed and approved while the
                              load runs, for the approval hops (10; 0: none)
        --warm-seconds S      rush and steady: after the twenty warm-up submissions, a closed loop of --portals for S
                              seconds with the same --approve-every, not counted, then a wait until the review queue
                              and the fees have caught up (0: none). Takes the JIT of the generator and of the
                              approval path out of the measured window
        --raw-seconds S       rush, steady and raw: length of the Marten measurement before the load (10; 0: skip)
        --raw-writers N       concurrent Marten writers (--portals)
        --count N             seed (1000) and certify (50)
        --rounds N            reads (100)
        --base-port P         the services listen on P+1 … P+6 ($BENCH_BASE_PORT or 5100)
        --label TEXT          first cell of the markdown row (the scenario and its load)
        """;

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("Name a scenario.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value at '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Int(string name, int fallback) => values.Remove(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Double(string name, double fallback) => values.Remove(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var scenario = args[0];
        var portals = Int("portals", 16);
        var options = new BenchOptions(
            scenario,
            portals,
            Double("rate", scenario == "certify" ? 0 : 20),
            TimeSpan.FromSeconds(Double("duration", 15)),
            values.Remove("flow", out var flow) ? Enum.Parse<Flow>(flow, ignoreCase: true) : Flow.Submit,
            Int("approve-every", 10),
            TimeSpan.FromSeconds(Double("raw-seconds", 10)),
            Int("raw-writers", portals),
            Int("count", scenario == "certify" ? 50 : 1000),
            Int("rounds", 100),
            Int("base-port", int.TryParse(Environment.GetEnvironmentVariable("BENCH_BASE_PORT"), CultureInfo.InvariantCulture, out var port) ? port : 5100),
            values.Remove("label", out var label) ? label : "",
            TimeSpan.FromSeconds(Double("warm-seconds", 0)));
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.");
        }

        return options;
    }

    /// <summary>What the load was, for the report's first column when no --label was given.</summary>
    public string Describe() => Label.Length > 0 ? Label : Scenario switch
    {
        "rush" => $"rush, {Portals} portals, {Flow.ToString().ToLowerInvariant()}, {Duration.TotalSeconds:0} s",
        "steady" => $"steady, {Rate:0.#}/s, {Flow.ToString().ToLowerInvariant()}, {Duration.TotalSeconds:0} s",
        "seed" => $"seed, {Count:N0} applications, {Portals} portals",
        _ => Scenario,
    };
}
