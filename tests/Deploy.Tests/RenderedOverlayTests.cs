namespace TitleReview.Deploy.Tests;

/// <summary>What each overlay renders to, checked against the services' and the gateway's own source.</summary>
public class RenderedOverlayTests
{

    [Fact]
    public void Every_overlay_renders()
    {
        Assert.Equal(["production", "staging"], Overlays.All);
        Assert.All(Overlays.All, overlay => Assert.NotEmpty(Overlays.Parsed(overlay).Resources));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_service_and_the_gateway_run_two_or_more_replicas_behind_a_Service(string overlay)
    {
        Assert.Equal(6, Repository.ServiceNames.Count);
        Assert.Equal([.. Repository.ServiceNames, "gateway"], Repository.DeployableNames);
        Assert.Empty(ManifestChecks.EveryServiceDeployed(Overlays.Parsed(overlay), Repository.DeployableNames));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Readiness_probes_health_and_liveness_probes_alive_as_ServiceDefaults_maps_them(string overlay)
    {
        var mapped = ManifestChecks.HealthPaths(Repository.Root);
        Assert.Contains("/health", mapped);
        Assert.Contains("/alive", mapped);
        Assert.Empty(ManifestChecks.Probes(Overlays.Parsed(overlay), "/health", "/alive"));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_deployment_has_a_disruption_budget_and_an_autoscaler(string overlay) =>
        Assert.Empty(ManifestChecks.DisruptionBudgetsAndAutoscalers(Overlays.Parsed(overlay)));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Containers_run_non_root_read_only_without_privilege_and_with_resources(string overlay) =>
        Assert.Empty(ManifestChecks.SecurityContexts(Overlays.Parsed(overlay)));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Secrets_are_referenced_never_written(string overlay) =>
        Assert.Empty(ManifestChecks.SecretsByReferenceOnly(Overlays.Parsed(overlay)));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_environment_key_is_one_its_own_program_reads(string overlay) =>
        Assert.Empty(ManifestChecks.EnvironmentKeysAreRead(Overlays.Parsed(overlay), ConfigurationKeys.ForDeployable));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void PostgreSQL_is_a_three_instance_CloudNativePG_cluster_with_a_synchronous_replica_pooler_and_backups(string overlay) =>
        Assert.Empty(ManifestChecks.PostgreSql(Overlays.Parsed(overlay)));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void RabbitMQ_is_a_three_node_RabbitmqCluster(string overlay) =>
        Assert.Empty(ManifestChecks.RabbitMq(Overlays.Parsed(overlay)));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Connection_strings_reach_the_pooler_and_the_broker_the_manifests_create(string overlay) =>
        Assert.Empty(ManifestChecks.ConnectionsReachTheClusters(Overlays.Parsed(overlay), ConfigurationKeys.ForDeployable));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_ingress_path_reaches_a_service(string overlay) =>
        Assert.Empty(ManifestChecks.IngressBackends(Overlays.Parsed(overlay)));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_gateway_alone_signs_and_every_service_checks_with_its_public_key(string overlay) =>
        Assert.Empty(ManifestChecks.GatewaySigning(Overlays.Parsed(overlay), Repository.GatewayName, Repository.ServiceNames));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void The_back_office_host_goes_to_the_gateway_which_reaches_every_service(string overlay) =>
        Assert.Empty(ManifestChecks.GatewayFrontsTheBackOffice(Overlays.Parsed(overlay), Repository.GatewayName, Repository.ServiceNames, "titlereview-backoffice"));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_program_reads_the_client_address_the_ingress_forwards(string overlay) =>
        Assert.Empty(ManifestChecks.ForwardedHeaders(Overlays.Parsed(overlay)));
}
