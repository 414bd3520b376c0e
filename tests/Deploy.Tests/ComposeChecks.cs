using System.Text.RegularExpressions;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// The checks on deploy/compose: each returns what it found wrong (empty: nothing), so a test can show it passing
/// on the real file and catching a deliberately broken one, as <see cref="ManifestChecks"/> does for Kubernetes.
/// </summary>
public static partial class ComposeChecks
{
    public static readonly IReadOnlyList<string> DataServices = ["postgres", "rabbitmq"];

    /// <summary>Every service runs its image (titlereview/&lt;service&gt;, the tag from .env), health-checked on /health.</summary>
    public static List<string> EveryServiceHealthChecked(ComposeFile compose, IEnumerable<string> services)
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

            foreach (var data in DataServices.Where(data => service.DependsOn.GetValueOrDefault(data) != "service_healthy"))
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

    /// <summary>Every key a service gets (its environment, and the env files it reads whole, by their .example) is read.</summary>
    public static List<string> EnvironmentKeysAreRead(ComposeFile compose, ConfigurationKeys keys, Func<string, string> envFileText)
    {
        var problems = new List<string>();
        foreach (var service in compose.Services.Where(service => !DataServices.Contains(service.Name)))
        {
            var names = service.Environment.Keys.Select(key => (Key: key, Source: "environment"))
                .Concat(service.EnvFiles.SelectMany(file => ComposeFile.EnvFile(envFileText(file)).Select(entry => (entry.Key, Source: file))));
            foreach (var (key, source) in names.Where(name => !keys.IsRead(ConfigurationKeys.FromEnvironmentName(name.Key))))
            {
                problems.Add($"{service.Name}: {key} ({source}) is not a key any service reads");
            }
        }

        return problems;
    }

    /// <summary>
    /// No secret in the committed files: in compose.yaml a secret-looking key, a connection string's password and an
    /// AMQP URI's password are only ever ${VARIABLES}; in the .example files their values are placeholders; every
    /// variable compose.yaml uses is in .env.example; the real .env and auth.env are git-ignored.
    /// </summary>
    public static List<string> SecretsOnlyFromEnvFiles(ComposeFile compose, string composeYaml, string envExample, string authExample, string gitignore)
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

        foreach (var (file, text) in new[] { (".env.example", envExample), ("auth.env.example", authExample) })
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
        foreach (var file in new[] { ".env", "auth.env" }.Where(file => !ignored.Contains(file)))
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
