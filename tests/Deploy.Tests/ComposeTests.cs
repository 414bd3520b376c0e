namespace TitleReview.Deploy.Tests;

/// <summary>deploy/compose, the single-host install, checked against the services' and the gateway's source; each check also catches a broken file.</summary>
public class ComposeTests
{
    private static readonly Func<string, ConfigurationKeys?> Keys = ConfigurationKeys.ForDeployable;

    private static string Text(string file) => File.ReadAllText(Path.Combine(ComposeFile.Directory, file));

    private static string Yaml => Text("compose.yaml");

    /// <summary>An env_file a service names is committed as its .example (the real one is the operator's).</summary>
    private static string EnvFileExample(string file) => Text(file + ".example");

    private static List<string> Secrets(string yaml, string? envExample = null, string? authExample = null, string? gatewayExample = null, string? gitignore = null) =>
        ComposeChecks.SecretsOnlyFromEnvFiles(ComposeFile.Parse(yaml), yaml, envExample ?? Text(".env.example"), file => file switch
        {
            "auth.env" => authExample ?? Text("auth.env.example"),
            "gateway.env" => gatewayExample ?? Text("gateway.env.example"),
            _ => File.Exists(Path.Combine(ComposeFile.Directory, file + ".example")) ? Text(file + ".example") : null,
        }, gitignore ?? Text(".gitignore"));

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Yaml, StringComparison.Ordinal);
        return Yaml.Replace(from, to, StringComparison.Ordinal);
    }

    private static void Catches(IEnumerable<string> problems, string expected) =>
        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Every_service_and_the_gateway_run_their_image_health_checked_on_health_after_the_data_services()
    {
        Assert.Equal(7, Repository.DeployableNames.Count);
        Assert.Empty(ComposeChecks.EveryServiceHealthChecked(ComposeFile.Load(), Repository.DeployableNames, Keys));
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
        // Merges within merges: x-environment takes x-host-environment and adds the broker, which the gateway lacks.
        Assert.Equal("true", review.Environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        Assert.StartsWith("amqp://", review.Environment["ConnectionStrings__messaging"], StringComparison.Ordinal);
        var gateway = ComposeFile.Load()["gateway"]!;
        Assert.Equal("true", gateway.Environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        Assert.StartsWith("Host=postgres;", gateway.Environment["ConnectionStrings__eventstore"], StringComparison.Ordinal);
        Assert.False(gateway.Environment.ContainsKey("ConnectionStrings__messaging"));
        Assert.Equal(["auth.env", "gateway.env"], gateway.EnvFiles);
    }

    [Fact]
    public void A_missing_service_and_another_image_are_caught()
    {
        var compose = ComposeFile.Parse(Replace("  audit:\n", "  auditor:\n")
            .Replace("titlereview/payment:", "titlereview/payments:", StringComparison.Ordinal));
        var problems = ComposeChecks.EveryServiceHealthChecked(compose, Repository.DeployableNames, Keys);
        Catches(problems, "audit: not in compose.yaml");
        Catches(problems, "payment: runs ${TITLEREVIEW_REGISTRY:-}titlereview/payments:");
    }

    [Fact]
    public void A_health_check_on_another_path_and_a_service_that_does_not_wait_are_caught()
    {
        var compose = ComposeFile.Parse(Replace("GET /health HTTP", "GET /alive HTTP")
            .Replace("rabbitmq: { condition: service_healthy }", "rabbitmq: { condition: service_started }", StringComparison.Ordinal));
        var problems = ComposeChecks.EveryServiceHealthChecked(compose, Repository.DeployableNames, Keys);
        Catches(problems, "intake: the health check does not call /health on port 8080");
        Catches(problems, "certificate: does not wait for rabbitmq to be healthy");
    }

    [Fact]
    public void A_key_no_service_reads_is_caught_in_the_file_and_in_an_env_file()
    {
        var compose = ComposeFile.Parse(Replace("Audit__IntakeAddress:", "Audit__IntakeUrl:"));
        Catches(ComposeChecks.EnvironmentKeysAreRead(compose, Keys, EnvFileExample), "audit: Audit__IntakeUrl (environment) is not a key audit reads");
        Catches(ComposeChecks.EnvironmentKeysAreRead(ComposeFile.Load(), Keys, _ => "Auth__Clients__0__Key=x\n"), "intake: Auth__Clients__0__Key (auth.env) is not a key intake reads");
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

    [Fact]
    public void The_gateway_without_its_image_its_health_check_or_the_database_is_caught()
    {
        var compose = ComposeFile.Parse(Replace("titlereview/gateway:", "titlereview/backoffice:")
            .Replace("      postgres: { condition: service_healthy }\n      intake: { condition: service_started }", "      intake: { condition: service_started }", StringComparison.Ordinal));
        var problems = ComposeChecks.EveryServiceHealthChecked(compose, Repository.DeployableNames, Keys);
        Catches(problems, "gateway: runs ${TITLEREVIEW_REGISTRY:-}titlereview/backoffice:");
        Catches(problems, "gateway: does not wait for postgres to be healthy");
        Assert.DoesNotContain(problems, problem => problem == "gateway: does not wait for rabbitmq to be healthy");
        Catches(ComposeChecks.EveryServiceHealthChecked(ComposeFile.Parse(Replace("  gateway:\n", "  front:\n")), Repository.DeployableNames, Keys), "gateway: not in compose.yaml");
    }

    [Fact]
    public void A_key_only_the_services_read_given_to_the_gateway_is_caught()
    {
        var compose = ComposeFile.Parse(Replace("      OTEL_SERVICE_NAME: gateway\n", "      OTEL_SERVICE_NAME: gateway\n      Review__IntakeAddress: http://intake:8080\n")
            .Replace("      <<: *host-environment\n      OTEL_SERVICE_NAME: gateway", "      <<: *environment\n      OTEL_SERVICE_NAME: gateway", StringComparison.Ordinal));
        var problems = ComposeChecks.EnvironmentKeysAreRead(compose, Keys, EnvFileExample);
        Catches(problems, "gateway: Review__IntakeAddress (environment) is not a key gateway reads");
        Catches(problems, "gateway: ConnectionStrings__messaging (environment) is not a key gateway reads");
        Catches(ComposeChecks.EnvironmentKeysAreRead(ComposeFile.Load(), Keys, file => file == "gateway.env" ? "Gateway__Signing__PrivateKey=x\n" : EnvFileExample(file)),
            "gateway: Gateway__Signing__PrivateKey (gateway.env) is not a key gateway reads");
        Catches(ComposeChecks.EnvironmentKeysAreRead(ComposeFile.Parse(Replace("  gateway:\n", "  identityprovider:\n")), Keys, EnvFileExample),
            "identityprovider: no project of that name");
    }

    [Fact]
    public void The_gateway_s_private_key_in_a_committed_file_or_its_env_file_not_ignored_is_caught()
    {
        Catches(Secrets(Yaml, gatewayExample: "Gateway__Signing__PrivateKeyPem=\"-----BEGIN PRIVATE KEY-----\\nMIGH\\n-----END PRIVATE KEY-----\"\n"),
            "gateway.env.example Gateway__Signing__PrivateKeyPem: '\"---…' is not the placeholder change-me");
        Catches(Secrets(Yaml, gitignore: Text(".gitignore").Replace("gateway.env\n", "", StringComparison.Ordinal)), "deploy/compose/.gitignore does not ignore gateway.env");
        Catches(Secrets(Replace("env_file: [auth.env, gateway.env]", "env_file: [auth.env, gateway.env, signing.env]")), "signing.env: a service reads it, but there is no signing.env.example");
        Catches(Secrets(Replace("      OTEL_SERVICE_NAME: gateway\n", "      OTEL_SERVICE_NAME: gateway\n      Gateway__Signing__PrivateKeyPem: MIGHAgEAMBMGByqGSM49\n")),
            "gateway Gateway__Signing__PrivateKeyPem: a secret written as a value");
    }
}
