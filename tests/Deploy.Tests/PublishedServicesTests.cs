using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TitleReview.Testing;
using Xunit.Abstractions;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// What goes into the images runs: every service published for Release, framework-dependent (the output
/// PublishContainer puts on the base image), started as its own process in Production, answers /alive. A file the
/// publish leaves out, a setting only Development supplies or a start-up that fails outside the test hosts shows here.
/// </summary>
[Collection(PublishedServicesCollection.Name)]
public class PublishedServicesTests(PublishedServices publish, ITestOutputHelper log)
{
    [Fact]
    public async Task Every_service_published_for_release_starts_in_production_and_answers_alive()
    {
        var watch = Stopwatch.StartNew();
        var published = publish.Folders;
        log.WriteLine($"published in {publish.PublishTime.TotalSeconds:F0} s");
        Assert.Equal(Repository.ServiceNames, published.Keys.Order(StringComparer.Ordinal));

        // The services apply their schema changes at start-up: a database and a virtual host of this run's own.
        await using var infrastructure = await TestInfrastructure.StartAsync();
        var settings = ProductionSettings(infrastructure, publish.Scratch);
        var services = new List<PublishedService>();
        try
        {
            // All at once on the fresh database, as a first install starts them: each waits its turn for Marten's
            // schema lock (EventStore:MigrationLockTimeout) instead of giving up after Marten's 10 s and exiting.
            foreach (var (name, folder) in published)
            {
                services.Add(PublishedService.Start(name, folder, Ports.Free(), settings));
            }

            var failures = (await Task.WhenAll(services.Select(service => service.WaitUntilAliveAsync(TimeSpan.FromMinutes(3))))).OfType<string>().ToList();
            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
            log.WriteLine($"all answered /alive in {watch.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            services.ForEach(service => service.Dispose());
        }
    }

    /// <summary>
    /// src/Runtime.props: the published services run workstation GC and a thread pool that does not spin before it
    /// sleeps, because six of them share a few cores with PostgreSQL and RabbitMQ (bench/README.md). Read from what the
    /// host reads at start-up, each publish folder's runtimeconfig.json, so a project that stops importing the file or
    /// a property renamed by a later SDK shows here.
    /// </summary>
    [Fact]
    public void Every_published_service_runs_workstation_gc_without_thread_pool_spinning()
    {
        Assert.Equal(Repository.ServiceNames, publish.Folders.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, folder) in publish.Folders)
        {
            var config = Publishing.EntryAssembly(folder)[..^".dll".Length] + ".runtimeconfig.json";
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
            var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
            Assert.True(properties.TryGetProperty("System.GC.Server", out var server) && server.ValueKind == System.Text.Json.JsonValueKind.False,
                $"{name}: System.GC.Server should be false in {config}");
            Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spin) && spin.GetInt32() == 0,
                $"{name}: System.Threading.ThreadPool.UnfairSemaphoreSpinLimit should be 0 in {config}");
        }
    }

    /// <summary>
    /// The settings Production insists on (the rest have defaults): fees for the built-in cycle, the committee's
    /// signing certificate and the data-protection key ring's certificate (the same throwaway one here). Every service gets them all, as the tests' in-process hosts do.
    /// </summary>
    private static Dictionary<string, string> ProductionSettings(TestInfrastructure infrastructure, string directory)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var certificate = Path.Combine(directory, "committee.p12");
        File.WriteAllBytes(certificate, SigningCertificate(password));
        return new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__eventstore"] = infrastructure.EventStore,
            ["ConnectionStrings__messaging"] = infrastructure.Messaging,
            ["Payment__Fees__Cycles__xishan-engineering-2023__Engineer"] = "300.00",
            ["Payment__Fees__Cycles__xishan-engineering-2023__AssistantEngineer"] = "200.00",
            ["Payment__Fees__Cycles__xishan-engineering-2023__Technician"] = "200.00",
            ["Certificate__Signing__CertificatePath"] = certificate,
            ["Certificate__Signing__Password"] = password,
            // The shared key ring's certificate, without which Production refuses to start (a throwaway one too).
            ["DataProtection__Certificate__Path"] = certificate,
            ["DataProtection__Certificate__Password"] = password,
        };
    }

    private static byte[] SigningCertificate(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=TitleReview publish test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.Export(X509ContentType.Pkcs12, password);
    }
}
