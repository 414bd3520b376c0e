namespace TitleReview.Deploy.Tests;

/// <summary>
/// Each check catches a deliberately broken manifest: the staging overlay as rendered (which passes every check, see
/// <see cref="RenderedOverlayTests"/>) with one thing changed.
/// </summary>
public class BrokenManifestTests
{
    private static readonly ConfigurationKeys Keys = ConfigurationKeys.FromSource(Repository.Root);

    private static string Staging => Overlays.Yaml("staging");

    private static Manifests Replace(string from, string to)
    {
        Assert.Contains(from, Staging, StringComparison.Ordinal);
        return Manifests.Parse(Staging.Replace(from, to, StringComparison.Ordinal));
    }

    private static Manifests Dropping(string kind, string name) => Manifests.Parse(Overlays.Without(Staging, document =>
        document.Contains($"kind: {kind}\n", StringComparison.Ordinal)
        && document.Contains($"\n  name: {name}\n", StringComparison.Ordinal)));

    private static void Catches(IEnumerable<string> problems, string expected) =>
        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void The_unbroken_overlay_passes_every_check()
    {
        var manifests = Overlays.Parsed("staging");
        Assert.Empty(ManifestChecks.EveryServiceDeployed(manifests, Repository.ServiceNames)
            .Concat(ManifestChecks.Probes(manifests, "/health", "/alive"))
            .Concat(ManifestChecks.DisruptionBudgetsAndAutoscalers(manifests))
            .Concat(ManifestChecks.SecurityContexts(manifests))
            .Concat(ManifestChecks.SecretsByReferenceOnly(manifests))
            .Concat(ManifestChecks.EnvironmentKeysAreRead(manifests, Keys))
            .Concat(ManifestChecks.PostgreSql(manifests))
            .Concat(ManifestChecks.RabbitMq(manifests))
            .Concat(ManifestChecks.ConnectionsReachTheClusters(manifests))
            .Concat(ManifestChecks.IngressBackends(manifests)));
    }

    [Fact]
    public void One_replica_is_caught() =>
        Catches(ManifestChecks.EveryServiceDeployed(Replace("\n  replicas: 2\n", "\n  replicas: 1\n"), Repository.ServiceNames), "1 replicas, not 2 or more");

    [Fact]
    public void A_missing_deployment_is_caught() =>
        Catches(ManifestChecks.EveryServiceDeployed(Dropping("Deployment", "certificate"), Repository.ServiceNames), "certificate: no Deployment");

    [Fact]
    public void A_missing_service_is_caught_and_so_is_the_ingress_path_that_needed_it()
    {
        var manifests = Dropping("Service", "publicity");
        Catches(ManifestChecks.EveryServiceDeployed(manifests, Repository.ServiceNames), "publicity: no Service");
        Catches(ManifestChecks.IngressBackends(manifests), "no Service publicity");
    }

    [Fact]
    public void A_liveness_probe_on_another_path_is_caught() =>
        Catches(ManifestChecks.Probes(Replace("path: /alive", "path: /healthz"), "/health", "/alive"), "liveness probe is /healthz, not /alive");

    [Fact]
    public void A_missing_readiness_probe_path_is_caught() =>
        Catches(ManifestChecks.Probes(Replace("path: /health\n", "path: /alive\n"), "/health", "/alive"), "readiness probe is /alive, not /health");

    [Fact]
    public void A_missing_disruption_budget_is_caught() =>
        Catches(ManifestChecks.DisruptionBudgetsAndAutoscalers(Dropping("PodDisruptionBudget", "audit")), "audit: no PodDisruptionBudget");

    [Fact]
    public void A_missing_autoscaler_is_caught() =>
        Catches(ManifestChecks.DisruptionBudgetsAndAutoscalers(Dropping("HorizontalPodAutoscaler", "payment")), "payment: no HorizontalPodAutoscaler");

    [Fact]
    public void A_writable_root_filesystem_is_caught() =>
        Catches(ManifestChecks.SecurityContexts(Replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")), "readOnlyRootFilesystem is not true");

    [Fact]
    public void Running_as_root_is_caught()
    {
        var manifests = Replace("runAsNonRoot: true", "runAsNonRoot: false");
        Catches(ManifestChecks.SecurityContexts(manifests), "runAsNonRoot is not true");
        Catches(ManifestChecks.SecurityContexts(Replace("runAsUser: 1654", "runAsUser: 0")), "runs as user 0");
    }

    [Fact]
    public void Privilege_escalation_is_caught() =>
        Catches(ManifestChecks.SecurityContexts(Replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")), "allowPrivilegeEscalation is not false");

    [Fact]
    public void A_secret_with_values_is_caught()
    {
        const string secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: titlereview-payment\nstringData:\n  platform-signing-secret: hunter2\n";
        Catches(ManifestChecks.SecretsByReferenceOnly(Manifests.Parse(Staging + "\n---\n" + secret)), "Secret titlereview-payment carries values");
    }

    [Fact]
    public void A_literal_password_in_a_connection_string_is_caught() =>
        Catches(ManifestChecks.SecretsByReferenceOnly(Replace("Password=$(DB_PASSWORD)", "Password=hunter2")), "a connection string with a literal password");

    [Fact]
    public void A_secret_setting_given_as_a_literal_value_is_caught()
    {
        const string from = "- name: Review__IntakeApiKey\n          valueFrom:\n            secretKeyRef:\n              key: review-intake-api-key\n              name: titlereview-service-keys\n";
        Catches(ManifestChecks.SecretsByReferenceOnly(Replace(from, "- name: Review__IntakeApiKey\n          value: dev-key-reviewer\n")), "Review__IntakeApiKey: a secret given as a literal value");
    }

    [Fact]
    public void An_environment_key_no_service_reads_is_caught() =>
        Catches(ManifestChecks.EnvironmentKeysAreRead(Replace("Payment__Platform__SigningSecret", "Payment__Platform__SigningKey"), Keys),
            "Payment__Platform__SigningKey (env) is not a key any service reads");

    [Fact]
    public void A_misspelt_key_in_a_configmap_taken_whole_is_caught() =>
        Catches(ManifestChecks.EnvironmentKeysAreRead(Replace("Payment__Fees__Cycles__xishan-engineering-2023__Engineer", "Payment__Fee__Cycles__xishan-engineering-2023__Engineer"), Keys),
            "Payment__Fee__Cycles__xishan-engineering-2023__Engineer (ConfigMap payment-fees");

    [Fact]
    public void A_helper_variable_nothing_uses_is_caught() =>
        Catches(ManifestChecks.EnvironmentKeysAreRead(Replace("Username=$(DB_USER)", "Username=titlereview"), Keys), "DB_USER (env) is not a key any service reads");

    [Fact]
    public void A_single_postgres_instance_is_caught() =>
        Catches(ManifestChecks.PostgreSql(Replace("\n  instances: 3\n", "\n  instances: 1\n")), "1 instances, not 3 or more");

    [Fact]
    public void Postgres_without_a_synchronous_replica_is_caught() =>
        Catches(ManifestChecks.PostgreSql(Replace("\n      number: 1\n", "\n      number: 0\n")), "no synchronous replica");

    [Fact]
    public void Postgres_without_a_pooler_or_backups_is_caught()
    {
        Catches(ManifestChecks.PostgreSql(Dropping("Pooler", "titlereview-db-pooler-rw")), "no rw Pooler");
        Catches(ManifestChecks.PostgreSql(Dropping("ScheduledBackup", "titlereview-db-daily")), "no ScheduledBackup");
    }

    [Fact]
    public void A_single_rabbitmq_node_is_caught() =>
        Catches(ManifestChecks.RabbitMq(Replace("\n  replicas: 3\n", "\n  replicas: 1\n")), "1 replicas, not 3");

    [Fact]
    public void A_connection_string_to_a_host_nothing_creates_is_caught()
    {
        Catches(ManifestChecks.ConnectionsReachTheClusters(Replace("Host=titlereview-db-pooler-rw;", "Host=postgres;")), "host 'postgres'");
        Catches(ManifestChecks.ConnectionsReachTheClusters(Replace("@titlereview-mq:5672", "@rabbitmq:5672")), "host 'rabbitmq'");
    }
}
