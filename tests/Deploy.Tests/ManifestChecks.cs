using System.Text.RegularExpressions;
using k8s.Models;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// The checks on a rendered overlay. Each returns what it found wrong (empty: nothing), so a test can show it passing
/// on the real manifests and catching a deliberately broken one.
/// </summary>
public static partial class ManifestChecks
{
    /// <summary>The health endpoints ServiceDefaults maps (<c>MapHealthChecks("…")</c>), read from its source.</summary>
    public static IReadOnlyList<string> HealthPaths(string root) => HealthCheckMapping()
        .Matches(File.ReadAllText(Path.Combine(root, "src", "ServiceDefaults", "ServiceDefaultsExtensions.cs")))
        .Select(match => match.Groups[1].Value)
        .ToList();

    public static List<string> EveryServiceDeployed(Manifests manifests, IEnumerable<string> services)
    {
        var problems = new List<string>();
        foreach (var service in services)
        {
            var deployment = manifests.OfType<V1Deployment>().FirstOrDefault(d => d.Metadata.Name == service);
            if (deployment is null)
            {
                problems.Add($"{service}: no Deployment");
                continue;
            }

            if (deployment.Spec.Replicas is not >= 2)
            {
                problems.Add($"{service}: {deployment.Spec.Replicas?.ToString() ?? "default (1)"} replicas, not 2 or more");
            }

            if (!manifests.OfType<V1Service>().Any(s => s.Metadata.Name == service && Selects(s.Spec.Selector, deployment)))
            {
                problems.Add($"{service}: no Service selecting its pods");
            }
        }

        return problems;
    }

    public static List<string> Probes(Manifests manifests, string readinessPath, string livenessPath)
    {
        var problems = new List<string>();
        foreach (var (deployment, container) in Containers(manifests))
        {
            var name = $"{deployment.Metadata.Name}/{container.Name}";
            if (container.ReadinessProbe?.HttpGet?.Path != readinessPath)
            {
                problems.Add($"{name}: readiness probe is {container.ReadinessProbe?.HttpGet?.Path ?? "missing"}, not {readinessPath}");
            }

            if (container.LivenessProbe?.HttpGet?.Path != livenessPath)
            {
                problems.Add($"{name}: liveness probe is {container.LivenessProbe?.HttpGet?.Path ?? "missing"}, not {livenessPath}");
            }

            foreach (var probe in new[] { container.ReadinessProbe, container.LivenessProbe, container.StartupProbe })
            {
                if (probe?.HttpGet?.Port is { } port && !(container.Ports ?? []).Any(p => p.Name == port.Value || p.ContainerPort.ToString() == port.Value))
                {
                    problems.Add($"{name}: a probe names port {port.Value}, which the container does not declare");
                }
            }
        }

        return problems;
    }

    public static List<string> DisruptionBudgetsAndAutoscalers(Manifests manifests)
    {
        var problems = new List<string>();
        foreach (var deployment in manifests.OfType<V1Deployment>())
        {
            var name = deployment.Metadata.Name;
            if (!manifests.OfType<V1PodDisruptionBudget>().Any(pdb => Selects(pdb.Spec.Selector?.MatchLabels, deployment)
                    && (pdb.Spec.MaxUnavailable is not null || pdb.Spec.MinAvailable is not null)))
            {
                problems.Add($"{name}: no PodDisruptionBudget selecting its pods");
            }

            var hpa = manifests.OfType<V2HorizontalPodAutoscaler>().FirstOrDefault(h =>
                h.Spec.ScaleTargetRef.Kind == "Deployment" && h.Spec.ScaleTargetRef.Name == name);
            if (hpa is null)
            {
                problems.Add($"{name}: no HorizontalPodAutoscaler");
            }
            else if (hpa.Spec.MinReplicas is not >= 2 || hpa.Spec.MaxReplicas < hpa.Spec.MinReplicas)
            {
                problems.Add($"{name}: HorizontalPodAutoscaler from {hpa.Spec.MinReplicas} to {hpa.Spec.MaxReplicas}, not from 2 or more");
            }
        }

        return problems;
    }

    public static List<string> SecurityContexts(Manifests manifests)
    {
        var problems = new List<string>();
        foreach (var (deployment, container) in Containers(manifests))
        {
            var name = $"{deployment.Metadata.Name}/{container.Name}";
            var pod = deployment.Spec.Template.Spec.SecurityContext;
            var own = container.SecurityContext;
            if ((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) != true)
            {
                problems.Add($"{name}: runAsNonRoot is not true");
            }

            if ((own?.RunAsUser ?? pod?.RunAsUser) is 0)
            {
                problems.Add($"{name}: runs as user 0");
            }

            if (own?.AllowPrivilegeEscalation != false)
            {
                problems.Add($"{name}: allowPrivilegeEscalation is not false");
            }

            if (own?.ReadOnlyRootFilesystem != true)
            {
                problems.Add($"{name}: readOnlyRootFilesystem is not true");
            }

            if (own?.Privileged == true)
            {
                problems.Add($"{name}: privileged");
            }

            if (own?.Capabilities?.Drop?.Contains("ALL") != true || own.Capabilities.Add is { Count: > 0 })
            {
                problems.Add($"{name}: capabilities are not all dropped");
            }

            if (container.Resources?.Requests is not { } requests || !requests.ContainsKey("cpu") || !requests.ContainsKey("memory")
                || container.Resources.Limits?.ContainsKey("memory") != true)
            {
                problems.Add($"{name}: no cpu and memory requests and memory limit");
            }
        }

        return problems;
    }

    /// <summary>No secret value in the repository: no Secret with data, no literal value for a secret-looking key.</summary>
    public static List<string> SecretsByReferenceOnly(Manifests manifests)
    {
        var problems = new List<string>();
        foreach (var secret in manifests.OfType<V1Secret>())
        {
            if (secret.Data is { Count: > 0 } || secret.StringData is { Count: > 0 })
            {
                problems.Add($"Secret {secret.Metadata.Name} carries values ({string.Join(", ", (secret.Data?.Keys ?? []).Concat(secret.StringData?.Keys ?? []))}); reference a secret created outside the repository instead");
            }
        }

        foreach (var (deployment, container) in Containers(manifests))
        {
            foreach (var variable in container.Env ?? [])
            {
                var name = $"{deployment.Metadata.Name}/{container.Name} {variable.Name}";
                if (variable.Value is { Length: > 0 } value && SecretLooking().IsMatch(variable.Name))
                {
                    problems.Add($"{name}: a secret given as a literal value; use valueFrom.secretKeyRef");
                }

                if (variable.Value is { } text && (PasswordInConnectionString().Match(text) is { Success: true } password))
                {
                    problems.Add($"{name}: a connection string with a literal password ({password.Value[..Math.Min(12, password.Value.Length)]}…)");
                }
            }
        }

        foreach (var configMap in manifests.OfType<V1ConfigMap>())
        {
            foreach (var key in (configMap.Data?.Keys ?? []).Where(key => SecretLooking().IsMatch(key)))
            {
                problems.Add($"ConfigMap {configMap.Metadata.Name}: {key} looks like a secret; keep it in a Secret");
            }
        }

        return problems;
    }

    /// <summary>
    /// Every environment key a container gets (its env and the keys of the ConfigMaps it takes whole) is one its own
    /// program reads (<paramref name="keysOf"/>: the Deployment's name to the keys of its project, e.g.
    /// <see cref="ConfigurationKeys.ForDeployable"/>). Variables that only feed another one's value through
    /// <c>$(NAME)</c> are allowed as such.
    /// </summary>
    public static List<string> EnvironmentKeysAreRead(Manifests manifests, Func<string, ConfigurationKeys?> keysOf)
    {
        var problems = new List<string>();
        foreach (var (deployment, container) in Containers(manifests))
        {
            var program = deployment.Metadata.Name;
            if (keysOf(program) is not { } keys)
            {
                problems.Add($"{program}: no project of that name (src/Services/<name> or src/Gateway) to check its settings against");
                continue;
            }

            var env = container.Env ?? [];
            var referenced = env.SelectMany(variable => VariableReference().Matches(variable.Value ?? "").Select(match => match.Groups[1].Value))
                .ToHashSet(StringComparer.Ordinal);
            var names = env.Select(variable => (variable.Name, Source: "env")).ToList();
            foreach (var source in container.EnvFrom ?? [])
            {
                if (source.ConfigMapRef is { } reference)
                {
                    var configMap = manifests.OfType<V1ConfigMap>().FirstOrDefault(map => map.Metadata.Name == reference.Name);
                    if (configMap is null && reference.Optional != true)
                    {
                        problems.Add($"{program}/{container.Name}: envFrom names ConfigMap {reference.Name}, which is not in the manifests");
                    }

                    names.AddRange((configMap?.Data?.Keys ?? []).Select(key => (key, Source: $"ConfigMap {reference.Name}")));
                }
            }

            foreach (var (name, source) in names)
            {
                if (referenced.Contains(name) || keys.IsRead(ConfigurationKeys.FromEnvironmentName(name)))
                {
                    continue;
                }

                problems.Add($"{program}/{container.Name}: {name} ({source}) is not a key {program} reads");
            }

            foreach (var missing in referenced.Where(name => env.All(variable => variable.Name != name)))
            {
                problems.Add($"{program}/{container.Name}: $({missing}) is used but not defined");
            }
        }

        return problems;
    }

    public static List<string> PostgreSql(Manifests manifests)
    {
        var problems = new List<string>();
        var clusters = manifests.Custom("Cluster").ToList();
        if (clusters.Count != 1)
        {
            return [$"{clusters.Count} CloudNativePG Clusters, not one"];
        }

        var cluster = clusters[0];
        var name = cluster.Metadata.Name;
        if (cluster.IntAt("instances") is not >= 3)
        {
            problems.Add($"Cluster {name}: {cluster.StringAt("instances") ?? "no"} instances, not 3 or more");
        }

        // CloudNativePG 1.24+: postgresql.synchronous; before it, minSyncReplicas/maxSyncReplicas.
        var synchronous = cluster.IntAt("postgresql.synchronous.number") ?? cluster.IntAt("minSyncReplicas");
        if (synchronous is not >= 1)
        {
            problems.Add($"Cluster {name}: no synchronous replica (postgresql.synchronous.number or minSyncReplicas)");
        }
        else if (synchronous >= cluster.IntAt("instances"))
        {
            problems.Add($"Cluster {name}: {synchronous} synchronous replicas need more than {cluster.IntAt("instances")} instances");
        }

        if (!manifests.Custom("Pooler").Any(pooler => pooler.StringAt("cluster.name") == name && pooler.StringAt("type") == "rw"))
        {
            problems.Add($"Cluster {name}: no rw Pooler (PgBouncer)");
        }

        if (!manifests.Custom("ScheduledBackup").Any(backup => backup.StringAt("cluster.name") == name))
        {
            problems.Add($"Cluster {name}: no ScheduledBackup");
        }

        return problems;
    }

    public static List<string> RabbitMq(Manifests manifests)
    {
        var clusters = manifests.Custom("RabbitmqCluster").ToList();
        if (clusters.Count != 1)
        {
            return [$"{clusters.Count} RabbitmqClusters, not one"];
        }

        return clusters[0].IntAt("replicas") is >= 3 ? [] : [$"RabbitmqCluster {clusters[0].Metadata.Name}: {clusters[0].StringAt("replicas") ?? "no"} replicas, not 3"];
    }

    /// <summary>
    /// The connection strings point at what the manifests create: the Pooler's service and the RabbitmqCluster's. Each
    /// Deployment needs the ones its program reads (<paramref name="keysOf"/>; all of them for a name without a project):
    /// the services both, the gateway only PostgreSQL (its key ring).
    /// </summary>
    public static List<string> ConnectionsReachTheClusters(Manifests manifests, Func<string, ConfigurationKeys?> keysOf)
    {
        var problems = new List<string>();
        var poolers = manifests.Custom("Pooler").Select(p => p.Metadata.Name).ToHashSet();
        var clusters = manifests.Custom("Cluster").Select(c => c.Metadata.Name).ToList();
        var postgresHosts = poolers.Concat(clusters.Select(c => $"{c}-rw")).ToHashSet();
        var brokers = manifests.Custom("RabbitmqCluster").Select(c => c.Metadata.Name).ToHashSet();
        foreach (var (deployment, container) in Containers(manifests))
        {
            var env = (container.Env ?? []).ToDictionary(variable => variable.Name, variable => variable.Value ?? "");
            var keys = keysOf(deployment.Metadata.Name);
            var host = env.TryGetValue("ConnectionStrings__eventstore", out var eventStore) ? HostKey().Match(eventStore).Groups[1].Value : null;
            if ((host is not null || keys?.IsRead("ConnectionStrings:eventstore") != false) && (host is null || !postgresHosts.Contains(host)))
            {
                problems.Add($"{deployment.Metadata.Name}: ConnectionStrings__eventstore host '{host}' is none of {string.Join(", ", postgresHosts)}");
            }

            var broker = env.TryGetValue("ConnectionStrings__messaging", out var messaging) && Uri.TryCreate(messaging.Replace("$(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                ? uri.Host : null;
            if ((broker is not null || keys?.IsRead("ConnectionStrings:messaging") != false) && (broker is null || !brokers.Contains(broker)))
            {
                problems.Add($"{deployment.Metadata.Name}: ConnectionStrings__messaging host '{broker}' is none of {string.Join(", ", brokers)}");
            }
        }

        return problems;
    }

    /// <summary>The secret holding the gateway's key pair: private-key.pem for the gateway, public-key.pem for the services.</summary>
    public const string GatewaySigningSecret = "titlereview-gateway-signing";

    /// <summary>
    /// The gateway signs with the private key and every service checks with the public key of the same pair, and no pod
    /// but the gateway's can see the private key: a service that could read it could mint any person's token. (Every
    /// service's source "reads" Gateway:Signing:PrivateKeyPem, in ServiceDefaults, so the key check cannot tell.)
    /// </summary>
    public static List<string> GatewaySigning(Manifests manifests, string gateway, IEnumerable<string> services)
    {
        var problems = new List<string>();
        var containers = Containers(manifests).ToList();
        foreach (var (name, setting, key) in services.Select(service => (service, "Auth__Gateway__PublicKeyPem", "public-key.pem"))
                     .Prepend((gateway, "Gateway__Signing__PrivateKeyPem", "private-key.pem")))
        {
            var variable = containers.Where(pair => pair.Deployment.Metadata.Name == name)
                .SelectMany(pair => pair.Container.Env ?? []).FirstOrDefault(variable => variable.Name == setting);
            var secret = variable?.ValueFrom?.SecretKeyRef;
            var configMap = variable?.ValueFrom?.ConfigMapKeyRef;
            var (from, fromKey, optional) = secret is not null ? (secret.Name, secret.Key, secret.Optional)
                : configMap is not null && key == "public-key.pem" ? (configMap.Name, configMap.Key, configMap.Optional)
                : (null, null, null);
            if (from != GatewaySigningSecret || fromKey != key || optional == true)
            {
                problems.Add($"{name}: {setting} is not taken from {GatewaySigningSecret} key {key} (required)");
            }
        }

        foreach (var (deployment, container) in containers.Where(pair => pair.Deployment.Metadata.Name != gateway))
        {
            var name = deployment.Metadata.Name;
            if ((container.Env ?? []).Any(variable => variable.ValueFrom?.SecretKeyRef is { Key: "private-key.pem" } reference && reference.Name == GatewaySigningSecret))
            {
                problems.Add($"{name}: reads private-key.pem of {GatewaySigningSecret}, the gateway's signing key");
            }

            if ((container.EnvFrom ?? []).Any(source => source.SecretRef?.Name == GatewaySigningSecret))
            {
                problems.Add($"{name}: takes {GatewaySigningSecret} whole (envFrom), the gateway's signing key with it");
            }
        }

        foreach (var deployment in manifests.OfType<V1Deployment>().Where(deployment => deployment.Metadata.Name != gateway))
        {
            foreach (var volume in (deployment.Spec.Template.Spec.Volumes ?? []).Where(volume => volume.Secret?.SecretName == GatewaySigningSecret
                         && (volume.Secret.Items is not { Count: > 0 } items || items.Any(item => item.Key == "private-key.pem"))))
            {
                problems.Add($"{deployment.Metadata.Name}: mounts {GatewaySigningSecret} (volume {volume.Name}) with the gateway's signing key");
            }
        }

        return problems;
    }

    /// <summary>
    /// The gateway forwards to every service at an address the manifests serve (<c>Gateway__Services__&lt;name&gt;</c> =
    /// http://&lt;a Service selecting that Deployment&gt;[:its port]), and the back-office ingress sends everything to the
    /// gateway and to nothing else.
    /// </summary>
    public static List<string> GatewayFrontsTheBackOffice(Manifests manifests, string gateway, IEnumerable<string> services, string backOfficeIngress)
    {
        var problems = new List<string>();
        var env = Containers(manifests).Where(pair => pair.Deployment.Metadata.Name == gateway)
            .SelectMany(pair => pair.Container.Env ?? []).ToList();
        if (env.Count == 0)
        {
            problems.Add($"{gateway}: no Deployment with settings");
        }

        foreach (var service in services)
        {
            var setting = $"Gateway__Services__{service}";
            var value = env.FirstOrDefault(variable => variable.Name == setting)?.Value;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var address) || address.Scheme != "http" || address.AbsolutePath != "/")
            {
                problems.Add($"{gateway}: {setting} is {value ?? "missing"}, not http://<the {service} Service>");
                continue;
            }

            var deployment = manifests.OfType<V1Deployment>().FirstOrDefault(d => d.Metadata.Name == service);
            var target = manifests.OfType<V1Service>().FirstOrDefault(s => s.Metadata.Name == address.Host);
            if (target is null || deployment is null || !Selects(target.Spec.Selector, deployment) || !target.Spec.Ports.Any(port => port.Port == address.Port))
            {
                problems.Add($"{gateway}: {setting} is {value}, but no Service {address.Host} on port {address.Port} selects the {service} pods");
            }
        }

        var ingress = manifests.OfType<V1Ingress>().FirstOrDefault(i => i.Metadata.Name == backOfficeIngress);
        var paths = (ingress?.Spec.Rules ?? []).SelectMany(rule => (rule.Http?.Paths ?? []).Select(path => (rule.Host, path))).ToList();
        if (paths.Count == 0)
        {
            problems.Add($"Ingress {backOfficeIngress}: missing, or without a path");
        }

        foreach (var (host, path) in paths.Where(pair => pair.path.Backend.Service?.Name != gateway))
        {
            problems.Add($"Ingress {backOfficeIngress} {host}{path.Path}: goes to {path.Backend.Service?.Name ?? "no Service"}, not the {gateway}");
        }

        return problems;
    }

    /// <summary>
    /// Every program sits behind the ingress (and the services also behind the gateway), so each must read the client's
    /// address from X-Forwarded-For (ASPNETCORE_FORWARDEDHEADERS_ENABLED): otherwise its per-address limits (the
    /// gateway's sign-in, the public objections and certificate lookups) count one address for everybody.
    /// </summary>
    public static List<string> ForwardedHeaders(Manifests manifests) =>
        Containers(manifests)
            .Where(pair => !string.Equals((pair.Container.Env ?? []).FirstOrDefault(variable => variable.Name == "ASPNETCORE_FORWARDEDHEADERS_ENABLED")?.Value, "true", StringComparison.OrdinalIgnoreCase))
            .Select(pair => $"{pair.Deployment.Metadata.Name}/{pair.Container.Name}: ASPNETCORE_FORWARDEDHEADERS_ENABLED is not true behind the ingress")
            .ToList();

    /// <summary>Every Ingress backend is a Service of the manifests, on a port it has.</summary>
    public static List<string> IngressBackends(Manifests manifests)
    {
        var problems = new List<string>();
        var ingresses = manifests.OfType<V1Ingress>().ToList();
        if (ingresses.Count == 0)
        {
            problems.Add("no Ingress");
        }

        foreach (var ingress in ingresses)
        {
            foreach (var rule in ingress.Spec.Rules ?? [])
            {
                foreach (var path in rule.Http?.Paths ?? [])
                {
                    var backend = path.Backend.Service;
                    var service = manifests.OfType<V1Service>().FirstOrDefault(s => s.Metadata.Name == backend?.Name);
                    if (service is null || !service.Spec.Ports.Any(port => port.Name == backend!.Port.Name || port.Port == backend.Port.Number))
                    {
                        problems.Add($"Ingress {ingress.Metadata.Name} {rule.Host}{path.Path}: no Service {backend?.Name} with that port");
                    }
                }
            }
        }

        return problems;
    }

    private static IEnumerable<(V1Deployment Deployment, V1Container Container)> Containers(Manifests manifests) =>
        manifests.OfType<V1Deployment>().SelectMany(deployment => deployment.Spec.Template.Spec.Containers.Select(container => (deployment, container)));

    private static bool Selects(IDictionary<string, string>? selector, V1Deployment deployment) =>
        selector is { Count: > 0 } && selector.All(pair =>
            deployment.Spec.Template.Metadata.Labels?.TryGetValue(pair.Key, out var value) == true && value == pair.Value);

    [GeneratedRegex("MapHealthChecks\\(\"([^\"]+)\"")]
    private static partial Regex HealthCheckMapping();

    [GeneratedRegex("(password|secret|apikey|api-key|token|private)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLooking();

    [GeneratedRegex(@"(?i)(password|pwd)=(?!\$\()[^;]+")]
    private static partial Regex PasswordInConnectionString();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"(?i)(?:^|;)\s*Host=([^;]+)")]
    private static partial Regex HostKey();
}
