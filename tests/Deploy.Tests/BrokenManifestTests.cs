namespace TitleReview.Deploy.Tests;

/// <summary>
/// Each check catches a deliberately broken manifest: the staging overlay as rendered (which passes every check, see
/// <see cref="RenderedOverlayTests"/>) with one thing changed.
/// </summary>
public class BrokenManifestTests
{
    private static readonly Func<string, ConfigurationKeys?> Keys = ConfigurationKeys.ForDeployable;

    private const string Gateway = Repository.GatewayName;

    private const string BackOffice = "titlereview-backoffice";

    private static string Staging => Overlays.Yaml("staging");

    private static Manifests Replace(string from, string to)
    {
        Assert.Contains(from, Staging, StringComparison.Ordinal);
        return Manifests.Parse(Staging.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>The overlay with <paramref name="from"/> changed only in the one document of that kind and name.</summary>
    private static Manifests ReplaceIn(string kind, string name, string from, string to)
    {
        var changed = 0;
        var yaml = Overlays.Documents(Staging).Select(document =>
        {
            if (!IsResource(document, kind, name))
            {
                return document;
            }

            Assert.Contains(from, document, StringComparison.Ordinal);
            changed++;
            return document.Replace(from, to, StringComparison.Ordinal);
        });
        var manifests = Manifests.Parse(string.Join("\n---\n", yaml));
        Assert.Equal(1, changed);
        return manifests;
    }

    /// <summary>The document of that kind and name (its own kind: at the start of a line, not an HPA's scaleTargetRef).</summary>
    private static bool IsResource(string document, string kind, string name) =>
        ("\n" + document).Contains($"\nkind: {kind}\n", StringComparison.Ordinal) && document.Contains($"\n  name: {name}\n", StringComparison.Ordinal);

    private static Manifests Dropping(string kind, string name) =>
        Manifests.Parse(Overlays.Without(Staging, document => IsResource(document, kind, name)));

    private static void Catches(IEnumerable<string> problems, string expected) =>
        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void The_unbroken_overlay_passes_every_check()
    {
        var manifests = Overlays.Parsed("staging");
        Assert.Empty(ManifestChecks.EveryServiceDeployed(manifests, Repository.DeployableNames)
            .Concat(ManifestChecks.Probes(manifests, "/health", "/alive"))
            .Concat(ManifestChecks.DisruptionBudgetsAndAutoscalers(manifests))
            .Concat(ManifestChecks.SecurityContexts(manifests))
            .Concat(ManifestChecks.SecretsByReferenceOnly(manifests))
            .Concat(ManifestChecks.EnvironmentKeysAreRead(manifests, Keys))
            .Concat(ManifestChecks.PostgreSql(manifests))
            .Concat(ManifestChecks.RabbitMq(manifests))
            .Concat(ManifestChecks.ConnectionsReachTheClusters(manifests, Keys))
            .Concat(ManifestChecks.IngressBackends(manifests))
            .Concat(ManifestChecks.GatewaySigning(manifests, Gateway, Repository.ServiceNames))
            .Concat(ManifestChecks.GatewayFrontsTheBackOffice(manifests, Gateway, Repository.ServiceNames, BackOffice))
            .Concat(ManifestChecks.ForwardedHeaders(manifests)));
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
            "Payment__Platform__SigningKey (env) is not a key payment reads");

    [Fact]
    public void A_misspelt_key_in_a_configmap_taken_whole_is_caught() =>
        Catches(ManifestChecks.EnvironmentKeysAreRead(Replace("Payment__Fees__Cycles__xishan-engineering-2023__Engineer", "Payment__Fee__Cycles__xishan-engineering-2023__Engineer"), Keys),
            "Payment__Fee__Cycles__xishan-engineering-2023__Engineer (ConfigMap payment-fees");

    [Fact]
    public void A_key_only_another_program_reads_is_caught_on_the_gateway()
    {
        const string from = "        - name: OTEL_SERVICE_NAME\n          value: gateway\n";
        var manifests = ReplaceIn("Deployment", Gateway, from, from + "        - name: Review__IntakeAddress\n          value: http://intake\n"
            + "        - name: ConnectionStrings__messaging\n          value: amqp://titlereview-mq:5672/\n");
        var problems = ManifestChecks.EnvironmentKeysAreRead(manifests, Keys);
        Catches(problems, "gateway/gateway: Review__IntakeAddress (env) is not a key gateway reads");
        Catches(problems, "gateway/gateway: ConnectionStrings__messaging (env) is not a key gateway reads");
        Assert.DoesNotContain(problems, problem => problem.StartsWith("review/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deployment_without_a_project_is_caught() =>
        Catches(ManifestChecks.EnvironmentKeysAreRead(ReplaceIn("Deployment", Gateway, "\n  name: gateway\n", "\n  name: identityprovider\n"), Keys),
            "identityprovider: no project of that name");

    [Fact]
    public void A_helper_variable_nothing_uses_is_caught() =>
        Catches(ManifestChecks.EnvironmentKeysAreRead(Replace("Username=$(DB_USER)", "Username=titlereview"), Keys), "DB_USER (env) is not a key gateway reads");

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
        Catches(ManifestChecks.ConnectionsReachTheClusters(Replace("Host=titlereview-db-pooler-rw;", "Host=postgres;"), Keys), "gateway: ConnectionStrings__eventstore host 'postgres'");
        Catches(ManifestChecks.ConnectionsReachTheClusters(Replace("@titlereview-mq:5672", "@rabbitmq:5672"), Keys), "host 'rabbitmq'");
    }

    [Fact]
    public void A_service_without_the_broker_is_caught_while_the_gateway_needs_none()
    {
        var withoutBroker = ReplaceIn("Deployment", "review", "- name: ConnectionStrings__messaging\n", "- name: Unused__Messaging\n");
        Catches(ManifestChecks.ConnectionsReachTheClusters(withoutBroker, Keys), "review: ConnectionStrings__messaging host ''");
        Assert.DoesNotContain(ManifestChecks.ConnectionsReachTheClusters(Overlays.Parsed("staging"), Keys), problem => problem.StartsWith("gateway:", StringComparison.Ordinal));
        Catches(ManifestChecks.ConnectionsReachTheClusters(ReplaceIn("Deployment", Gateway, "- name: ConnectionStrings__eventstore\n", "- name: Unused__Eventstore\n"), Keys),
            "gateway: ConnectionStrings__eventstore host ''");
    }

    [Fact]
    public void A_missing_gateway_and_its_missing_budget_and_autoscaler_are_caught()
    {
        var manifests = Dropping("Deployment", Gateway);
        Catches(ManifestChecks.EveryServiceDeployed(manifests, Repository.DeployableNames), "gateway: no Deployment");
        Catches(ManifestChecks.GatewayFrontsTheBackOffice(manifests, Gateway, Repository.ServiceNames, BackOffice), "gateway: no Deployment with settings");
        Catches(ManifestChecks.EveryServiceDeployed(Dropping("Service", Gateway), Repository.DeployableNames), "gateway: no Service");
        Catches(ManifestChecks.DisruptionBudgetsAndAutoscalers(Dropping("PodDisruptionBudget", Gateway)), "gateway: no PodDisruptionBudget");
        Catches(ManifestChecks.DisruptionBudgetsAndAutoscalers(Dropping("HorizontalPodAutoscaler", Gateway)), "gateway: no HorizontalPodAutoscaler");
    }

    [Fact]
    public void The_gateway_s_probes_and_security_context_are_checked_like_a_service_s()
    {
        Catches(ManifestChecks.Probes(ReplaceIn("Deployment", Gateway, "path: /alive", "path: /healthz"), "/health", "/alive"), "gateway/gateway: liveness probe is /healthz");
        Catches(ManifestChecks.Probes(ReplaceIn("Deployment", Gateway, "path: /health\n", "path: /alive\n"), "/health", "/alive"), "gateway/gateway: readiness probe is /alive");
        Catches(ManifestChecks.SecurityContexts(ReplaceIn("Deployment", Gateway, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")), "gateway/gateway: readOnlyRootFilesystem is not true");
        Catches(ManifestChecks.SecurityContexts(ReplaceIn("Deployment", Gateway, "runAsNonRoot: true", "runAsNonRoot: false")), "gateway/gateway: runAsNonRoot is not true");
    }

    [Fact]
    public void The_private_key_anywhere_but_the_gateway_or_a_missing_key_is_caught()
    {
        var leaked = ReplaceIn("Deployment", "audit", "key: public-key.pem", "key: private-key.pem");
        Catches(ManifestChecks.GatewaySigning(leaked, Gateway, Repository.ServiceNames), "audit: reads private-key.pem of titlereview-gateway-signing");
        Catches(ManifestChecks.GatewaySigning(leaked, Gateway, Repository.ServiceNames), "audit: Auth__Gateway__PublicKeyPem is not taken from titlereview-gateway-signing key public-key.pem");
        Catches(ManifestChecks.GatewaySigning(ReplaceIn("Deployment", "intake", "- name: Auth__Gateway__PublicKeyPem\n", "- name: Auth__Gateway__PublicKey\n"), Gateway, Repository.ServiceNames),
            "intake: Auth__Gateway__PublicKeyPem is not taken from");
        Catches(ManifestChecks.GatewaySigning(ReplaceIn("Deployment", Gateway, "key: private-key.pem", "key: public-key.pem"), Gateway, Repository.ServiceNames),
            "gateway: Gateway__Signing__PrivateKeyPem is not taken from titlereview-gateway-signing key private-key.pem");
        const string volumes = "      volumes:\n";
        var mounted = ReplaceIn("Deployment", "payment", volumes, volumes + "      - name: signing\n        secret:\n          secretName: titlereview-gateway-signing\n");
        Catches(ManifestChecks.GatewaySigning(mounted, Gateway, Repository.ServiceNames), "payment: mounts titlereview-gateway-signing (volume signing)");
    }

    [Fact]
    public void A_gateway_address_nothing_serves_and_a_back_office_path_around_the_gateway_are_caught()
    {
        Catches(ManifestChecks.GatewayFrontsTheBackOffice(ReplaceIn("Deployment", Gateway, "value: http://payment\n", "value: http://finance\n"), Gateway, Repository.ServiceNames, BackOffice),
            "gateway: Gateway__Services__payment is http://finance, but no Service finance on port 80 selects the payment pods");
        Catches(ManifestChecks.GatewayFrontsTheBackOffice(ReplaceIn("Deployment", Gateway, "value: http://audit\n", "value: http://audit:8080\n"), Gateway, Repository.ServiceNames, BackOffice),
            "no Service audit on port 8080");
        Catches(ManifestChecks.GatewayFrontsTheBackOffice(ReplaceIn("Deployment", Gateway, "- name: Gateway__Services__review\n", "- name: Gateway__Services__reviews\n"), Gateway, Repository.ServiceNames, BackOffice),
            "gateway: Gateway__Services__review is missing");
        Catches(ManifestChecks.GatewayFrontsTheBackOffice(ReplaceIn("Ingress", BackOffice, "name: gateway", "name: review"), Gateway, Repository.ServiceNames, BackOffice),
            "goes to review, not the gateway");
    }

    [Fact]
    public void A_program_that_ignores_the_forwarded_client_address_is_caught()
    {
        const string from = "- name: ASPNETCORE_FORWARDEDHEADERS_ENABLED\n          value: \"true\"";
        Catches(ManifestChecks.ForwardedHeaders(ReplaceIn("Deployment", Gateway, from, "- name: ASPNETCORE_FORWARDEDHEADERS_ENABLED\n          value: \"false\"")),
            "gateway/gateway: ASPNETCORE_FORWARDEDHEADERS_ENABLED is not true");
    }
}
