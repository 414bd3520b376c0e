using System.Text.RegularExpressions;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// The checks on deploy/compose: each returns what it found wrong (empty: nothing), so a test can show it passing
/// on the real file and catching a deliberately broken one, as <see cref="ManifestChecks"/> does for Kubernetes.
/// </summary>
public static partial class ComposeChecks
{
    public static readonly IReadOnlyList<string> DataServices = ["postgres", "rabbitmq"];

    /// <summary>
    /// Every service (and the gateway) runs its image (titlereview/&lt;name&gt;, the tag from .env), health-checked on
    /// /health, after the data services its program reads (<paramref name="keysOf"/>: PostgreSQL for
    /// ConnectionStrings:eventstore, RabbitMQ for ConnectionStrings:messaging; both for a name without a project).
    /// </summary>
    public static List<string> EveryServiceHealthChecked(ComposeFile compose, IEnumerable<string> services, Func<string, ConfigurationKeys?> keysOf)
    {
        var problems = new List<string>();
        foreach (var name in services)
        {
            if (compose[name] is not { } service)
            {
                problems.Add($"{name}: not in compose.yaml");
                continue;
            }

            // ${TITLEREVIEW_REGISTRY:-}titlereview/intake:${TITLEREVIEW_TAG:?…} → titlereview/intake
            var (image, _) = ContainerChecks.NameAndTag(Interpolation().Replace(service.Image, ""));
            if (image != $"titlereview/{name}")
            {
                problems.Add($"{name}: runs {service.Image}, not the image titlereview/{name}");
            }

            var test = string.Join(' ', service.HealthCheck);
            if (!test.Contains("/health ", StringComparison.Ordinal) || !test.Contains("/8080", StringComparison.Ordinal))
            {
                problems.Add($"{name}: the health check does not call /health on port 8080 ({(test.Length == 0 ? "none" : test)})");
            }

            var keys = keysOf(name);
            var needed = DataServices.Where(data => keys?.IsRead(data == "postgres" ? "ConnectionStrings:eventstore" : "ConnectionStrings:messaging") != false);
            foreach (var data in needed.Where(data => service.DependsOn.GetValueOrDefault(data) != "service_healthy"))
            {
                problems.Add($"{name}: does not wait for {data} to be healthy");
            }
        }

        foreach (var data in DataServices.Where(data => compose[data] is not { HealthCheck.Count: > 0 }))
        {
            problems.Add($"{data}: missing, or without a health check");
        }

        return problems;
    }

    /// <summary>
    /// Every key a service or the gateway gets (its environment, and the env files it reads whole, by their .example) is
    /// one its own program reads (<paramref name="keysOf"/>, by the compose service's name).
    /// </summary>
    public static List<string> EnvironmentKeysAreRead(ComposeFile compose, Func<string, ConfigurationKeys?> keysOf, Func<string, string> envFileText)
    {
        var problems = new List<string>();
        foreach (var service in compose.Services.Where(service => !DataServices.Contains(service.Name)))
        {
            if (keysOf(service.Name) is not { } keys)
            {
                problems.Add($"{service.Name}: no project of that name (src/Services/<name> or src/Gateway) to check its settings against");
                continue;
            }

            var names = service.Environment.Keys.Select(key => (Key: key, Source: "environment"))
                .Concat(service.EnvFiles.SelectMany(file => ComposeFile.EnvFile(envFileText(file)).Select(entry => (entry.Key, Source: file))));
            foreach (var (key, source) in names.Where(name => !keys.IsRead(ConfigurationKeys.FromEnvironmentName(name.Key))))
            {
                problems.Add($"{service.Name}: {key} ({source}) is not a key {service.Name} reads");
            }
        }

        return problems;
    }

    /// <summary>
    /// No secret in the committed files: in compose.yaml a secret-looking key, a connection string's password and an
    /// AMQP URI's password are only ever ${VARIABLES}; in the .example files (.env's and that of every env_file a
    /// service reads: auth.env, gateway.env; <paramref name="exampleOf"/> gives its text, null when there is none) their
    /// values are placeholders; every variable compose.yaml uses is in .env.example; the real .env and every env_file
    /// are git-ignored.
    /// </summary>
    public static List<string> SecretsOnlyFromEnvFiles(ComposeFile compose, string composeYaml, string envExample, Func<string, string?> exampleOf, string gitignore)
    {
        var problems = new List<string>();
        foreach (var service in compose.Services)
        {
            foreach (var (key, value) in service.Environment)
            {
                if (SecretLooking().IsMatch(key) && !OnlyInterpolation().IsMatch(value))
                {
                    problems.Add($"{service.Name} {key}: a secret written as a value; take it from .env as ${{VARIABLE}}");
                }

                if (LiteralPassword().Match(value) is { Success: true } password)
                {
                    problems.Add($"{service.Name} {key}: a literal password ({password.Value[..Math.Min(12, password.Value.Length)]}…)");
                }
            }
        }

        var envFiles = compose.Services.SelectMany(service => service.EnvFiles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var examples = new List<(string File, string Text)> { (".env.example", envExample) };
        foreach (var file in envFiles)
        {
            if (exampleOf(file) is { } text)
            {
                examples.Add(($"{file}.example", text));
            }
            else
            {
                problems.Add($"{file}: a service reads it, but there is no {file}.example to say what goes in it");
            }
        }

        foreach (var (file, text) in examples)
        {
            foreach (var (key, value) in ComposeFile.EnvFile(text).Where(entry => SecretLooking().IsMatch(entry.Key) && entry.Value is not ("" or Placeholder)))
            {
                problems.Add($"{file} {key}: '{value[..Math.Min(4, value.Length)]}…' is not the placeholder {Placeholder}");
            }
        }

        var defined = ComposeFile.EnvFile(envExample).Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var variable in Interpolation().Matches(composeYaml).Select(match => match.Groups[1].Value).Distinct().Where(name => !defined.Contains(name)))
        {
            problems.Add($"compose.yaml uses ${{{variable}}}, which .env.example does not list");
        }

        var ignored = gitignore.Split('\n').Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var file in envFiles.Prepend(".env").Where(file => !ignored.Contains(file)))
        {
            problems.Add($"deploy/compose/.gitignore does not ignore {file}");
        }

        return problems;
    }

    private const string Placeholder = "change-me";

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[?-][^}]*)?\}$")]
    private static partial Regex OnlyInterpolation();

    // PASS as in RABBITMQ_DEFAULT_PASS; KeySha256 and PasswordHash are not secrets, but a real one in an example
    // file would still be a real client's or person's.
    [GeneratedRegex(@"(password|_pass$|secret|apikey|api_key|token|private|keysha|passwordhash)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLooking();

    // Password=… in a connection string, or the password of user:password@ in a URI, that is not a ${VARIABLE}.
    [GeneratedRegex(@"(?i)((password|pwd)=(?!\$\{)[^;]+|://[^:/@]+:(?!\$\{)[^@]+@)")]
    private static partial Regex LiteralPassword();
}
