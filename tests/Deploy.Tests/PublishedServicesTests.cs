using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// What goes into the images runs: every service published for Release, framework-dependent (the output
/// PublishContainer puts on the base image), started as its own process in Production, answers /alive. A file the
/// publish leaves out, a setting only Development supplies or a start-up that fails outside the test hosts shows here.
/// </summary>
public class PublishedServicesTests
{
    [Fact]
    public async Task Every_service_published_for_release_starts_in_production_and_answers_alive()
    {
        var directory = Directory.CreateTempSubdirectory("titlereview-publish-");
        try
        {
            var published = await Publishing.PublishServicesAsync(directory.FullName);
            Assert.Equal(Repository.ServiceNames, published.Keys.Order(StringComparer.Ordinal));

            // The services apply their schema changes at start-up: a database and a virtual host of this run's own.
            await using var infrastructure = await TestInfrastructure.StartAsync();
            var settings = ProductionSettings(infrastructure, directory.FullName);
            var services = published.Select(pair => PublishedService.Start(pair.Key, pair.Value, Ports.Free(), settings)).ToList();
            try
            {
                // All at once, as a deployment starts them: the schema migrations take turns on their lock.
                var failures = await Task.WhenAll(services.Select(service => service.WaitUntilAliveAsync(TimeSpan.FromMinutes(3))));
                Assert.True(failures.All(failure => failure is null), string.Join("\n\n", failures.Where(failure => failure is not null)));
            }
            finally
            {
                services.ForEach(service => service.Dispose());
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The settings Production insists on (the rest have defaults): fees for the built-in cycle, the committee's
    /// signing certificate (a throwaway one here). Every service gets them all, as the tests' in-process hosts do.
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
