namespace TitleReview.Deploy.Tests;

/// <summary>deploy/compose, the single-host install, checked against the services' source; each check also catches a broken file.</summary>
public class ComposeTests
{
    private static readonly ConfigurationKeys Keys = ConfigurationKeys.FromSource(Repository.Root);

    private static string Text(string file) => File.ReadAllText(Path.Combine(ComposeFile.Directory, file));

    private static string Yaml => Text("compose.yaml");

    /// <summary>An env_file a service names is committed as its .example (the real one is the operator's).</summary>
    private static string EnvFileExample(string file) => Text(file + ".example");

    private static List<string> Secrets(string yaml, string? envExample = null, string? authExample = null) =>
        ComposeChecks.SecretsOnlyFromEnvFiles(ComposeFile.Parse(yaml), yaml, envExample ?? Text(".env.example"),
            authExample ?? Text("auth.env.example"), Text(".gitignore"));

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Yaml, StringComparison.Ordinal);
        return Yaml.Replace(from, to, StringComparison.Ordinal);
    }

    private static void Catches(IEnumerable<string> problems, string expected) =>
        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Every_service_runs_its_image_health_checked_on_health_after_the_data_services()
    {
        Assert.Equal(6, Repository.ServiceNames.Count);
        Assert.Empty(ComposeChecks.EveryServiceHealthChecked(ComposeFile.Load(), Repository.ServiceNames));
    }

    [Fact]
    public void Every_environment_key_is_one_the_services_read() =>
        Assert.Empty(ComposeChecks.EnvironmentKeysAreRead(ComposeFile.Load(), Keys, EnvFileExample));

    [Fact]
    public void Secrets_come_only_from_the_git_ignored_env_files() =>
        Assert.Empty(Secrets(Yaml));

    [Fact]
    public void Anchors_and_merge_keys_are_resolved_as_Compose_resolves_them()
    {
        var review = ComposeFile.Load()["review"]!;
        Assert.Equal("Production", review.Environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("review", review.Environment["OTEL_SERVICE_NAME"]);
        Assert.Equal(["auth.env"], review.EnvFiles);
        Assert.Equal("service_healthy", review.DependsOn["postgres"]);
    }

    [Fact]
    public void A_missing_service_and_another_image_are_caught()
    {
        var compose = ComposeFile.Parse(Replace("  audit:\n", "  auditor:\n")
            .Replace("titlereview/payment:", "titlereview/payments:", StringComparison.Ordinal));
        var problems = ComposeChecks.EveryServiceHealthChecked(compose, Repository.ServiceNames);
        Catches(problems, "audit: not in compose.yaml");
        Catches(problems, "payment: runs ${TITLEREVIEW_REGISTRY:-}titlereview/payments:");
    }

    [Fact]
    public void A_health_check_on_another_path_and_a_service_that_does_not_wait_are_caught()
    {
        var compose = ComposeFile.Parse(Replace("GET /health HTTP", "GET /alive HTTP")
            .Replace("rabbitmq: { condition: service_healthy }", "rabbitmq: { condition: service_started }", StringComparison.Ordinal));
        var problems = ComposeChecks.EveryServiceHealthChecked(compose, Repository.ServiceNames);
        Catches(problems, "intake: the health check does not call /health on port 8080");
        Catches(problems, "certificate: does not wait for rabbitmq to be healthy");
    }

    [Fact]
    public void A_key_no_service_reads_is_caught_in_the_file_and_in_an_env_file()
    {
        var compose = ComposeFile.Parse(Replace("Audit__IntakeAddress:", "Audit__IntakeUrl:"));
        Catches(ComposeChecks.EnvironmentKeysAreRead(compose, Keys, EnvFileExample), "audit: Audit__IntakeUrl (environment) is not a key any service reads");
        Catches(ComposeChecks.EnvironmentKeysAreRead(ComposeFile.Load(), Keys, _ => "Auth__Clients__0__Key=x\n"), "intake: Auth__Clients__0__Key (auth.env) is not a key any service reads");
    }

    [Fact]
    public void A_password_or_secret_written_in_the_file_is_caught()
    {
        Catches(Secrets(Replace("Password=${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in deploy/compose/.env}", "Password=hunter2hunter2")),
            "ConnectionStrings__eventstore: a literal password (Password=hun…)");
        Catches(Secrets(Replace("titlereview:${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD in deploy/compose/.env}@", "titlereview:hunter2@")),
            "ConnectionStrings__messaging: a literal password");
        Catches(Secrets(Replace("${PAYMENT_PLATFORM_SIGNING_SECRET:?set PAYMENT_PLATFORM_SIGNING_SECRET in deploy/compose/.env}", "s3cr3t")),
            "payment Payment__Platform__SigningSecret: a secret written as a value");
        Catches(Secrets(Replace("RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD", "RABBITMQ_DEFAULT_PASS: guest${RABBITMQ_PASSWORD")),
            "rabbitmq RABBITMQ_DEFAULT_PASS: a secret written as a value");
    }

    [Fact]
    public void A_real_value_in_an_example_file_and_a_variable_it_lacks_are_caught()
    {
        Catches(Secrets(Yaml, authExample: Text("auth.env.example").Replace("KeySha256=change-me", "KeySha256=9f86d081884c7d65", StringComparison.Ordinal)),
            "auth.env.example Auth__Clients__0__KeySha256: '9f86…' is not the placeholder change-me");
        Catches(Secrets(Yaml, envExample: Text(".env.example").Replace("\nPOSTGRES_PASSWORD=change-me", "", StringComparison.Ordinal)),
            "compose.yaml uses ${POSTGRES_PASSWORD}, which .env.example does not list");
    }
}
