using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TitleReview.ServiceDefaults.KeyRing;

namespace TitleReview.SystemTests;

/// <summary>
/// The shared key ring's table and start-up on a database of their own (each test that needs an empty ring drops the
/// table first): what instances see of each other's keys, instances starting at once, and encryption at rest.
/// </summary>
public sealed class PostgresKeyRingTests(PostgresKeyRingTests.Database database) : IClassFixture<PostgresKeyRingTests.Database>
{
    private string ConnectionString => database.Infrastructure.EventStore;

    [Fact]
    public void Two_repositories_on_one_database_read_each_others_keys()
    {
        using var first = new PostgresXmlRepository(ConnectionString);
        using var second = new PostgresXmlRepository(ConnectionString);
        var one = $"key-{Guid.NewGuid()}";
        var other = $"key-{Guid.NewGuid()}";

        first.StoreElement(new XElement("key", new XAttribute("id", one)), one);
        second.StoreElement(new XElement("key", new XAttribute("id", other)), other);

        foreach (var repository in new[] { first, second })
        {
            var ids = repository.GetAllElements().Select(element => (string?)element.Attribute("id")).ToList();
            Assert.Contains(one, ids);
            Assert.Contains(other, ids);
        }
    }

    [Fact]
    public async Task Repositories_used_for_the_first_time_at_once_all_store_their_keys()
    {
        await DropTableAsync();
        var repositories = Enumerable.Range(0, 8).Select(_ => new PostgresXmlRepository(ConnectionString)).ToList();
        using var start = new Barrier(repositories.Count);

        try
        {
            // Each on its own thread, released together: all find no table and create it at the same moment.
            await Task.WhenAll(repositories.Select((repository, index) => Task.Run(() =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                repository.StoreElement(new XElement("key", new XAttribute("id", index)), $"key-race-{index}");
            })));
        }
        finally
        {
            repositories.ForEach(repository => repository.Dispose());
        }

        Assert.Equal(8, await database.Infrastructure.ScalarAsync($"select count(*) from {PostgresXmlRepository.Table} where friendly_name like 'key-race-%'"));
    }

    [Fact]
    public async Task Instances_starting_together_on_an_empty_ring_share_one_first_key()
    {
        // A few rounds: without the start-up lock, two instances at once usually, not always, create a key each.
        for (var round = 0; round < 3; round++)
        {
            await DropTableAsync();
            var hosts = Enumerable.Range(0, 3).Select(_ => KeyRingHost(Environments.Development)).ToList();
            try
            {
                await Task.WhenAll(hosts.Select(host => Task.Run(() => host.StartAsync())));

                Assert.Equal(1, await KeysAsync());
                Assert.Single(hosts.Select(host => host.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId).Distinct());
            }
            finally
            {
                hosts.ForEach(host => host.Dispose());
            }
        }
    }

    [Fact]
    public async Task Outside_Development_keys_are_stored_encrypted_and_another_instance_with_the_certificate_reads_them()
    {
        await DropTableAsync();
        using var files = new CertificateFiles();
        using var pem = KeyRingHost(Environments.Production, new()
        {
            ["DataProtection:Certificate:Path"] = files.CertificatePem,
            ["DataProtection:Certificate:KeyPath"] = files.KeyPem,
        });
        using var pkcs12 = KeyRingHost(Environments.Production, new()
        {
            ["DataProtection:Certificate:Path"] = files.Pkcs12,
            ["DataProtection:Certificate:Password"] = CertificateFiles.Password,
        });
        await pem.StartAsync();
        await pkcs12.StartAsync();

        var stored = await database.Infrastructure.ScalarTextAsync($"select xml from {PostgresXmlRepository.Table} where friendly_name like 'key-%'");
        Assert.Contains("EncryptedData", stored);
        Assert.DoesNotContain("<masterKey", stored);

        var sealedByOne = pem.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("钱财务 signed in");
        Assert.Equal("钱财务 signed in", pkcs12.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedByOne));
    }

    [Fact]
    public async Task Outside_Development_a_service_without_a_key_certificate_refuses_to_start_unless_told_to_accept_clear_text()
    {
        using var refused = KeyRingHost(Environments.Staging);
        var reason = await Assert.ThrowsAsync<InvalidOperationException>(() => refused.StartAsync());
        Assert.Contains("DataProtection:Certificate:Path is not set in Staging", reason.Message);
        Assert.Contains("须配置数据保护密钥证书", reason.Message);

        var warnings = new WarningLog();
        using var accepted = KeyRingHost(Environments.Staging, new() { ["DataProtection:AllowUnprotectedKeys"] = "true" }, warnings);
        await accepted.StartAsync();
        Assert.Single(warnings.Messages, message => message.Contains("stored unencrypted in Staging", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_certificate_without_its_private_key_is_refused()
    {
        using var files = new CertificateFiles();
        var reason = Assert.Throws<InvalidOperationException>(() =>
            KeyCertificate.Load(new KeyCertificateSettings { Path = files.PublicOnlyPkcs12, Password = CertificateFiles.Password }, "DataProtection:Certificate"));
        Assert.Contains("must be an RSA certificate with its private key", reason.Message);
    }

    private IHost KeyRingHost(string environment, Dictionary<string, string?>? settings = null, WarningLog? warnings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? [])
        {
            ["ConnectionStrings:eventstore"] = ConnectionString,
        });
        builder.Services.AddLogging(logging =>
        {
            if (warnings is not null)
            {
                logging.AddProvider(warnings);
            }
        });
        builder.AddSharedKeyRing();
        return builder.Build();
    }

    private async Task DropTableAsync()
    {
        await database.Infrastructure.ScalarAsync($"drop schema if exists {PostgresXmlRepository.Schema} cascade");
    }

    private Task<long> KeysAsync() =>
        database.Infrastructure.ScalarAsync($"select count(*) from {PostgresXmlRepository.Table} where friendly_name like 'key-%'");

    public sealed class Database : IAsyncLifetime
    {
        public TestInfrastructure Infrastructure { get; private set; } = null!;

        public async Task InitializeAsync() => Infrastructure = await TestInfrastructure.StartAsync();

        public async Task DisposeAsync() => await Infrastructure.DisposeAsync();
    }

    /// <summary>A self-signed RSA certificate as an operator would mount it: PEM pair, PKCS#12, and PKCS#12 without the key.</summary>
    private sealed class CertificateFiles : IDisposable
    {
        public const string Password = "密钥-password";

        private readonly string root = Directory.CreateTempSubdirectory("key-certificate-").FullName;

        public CertificateFiles()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=TitleReview data-protection keys (test)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllText(CertificatePem, certificate.ExportCertificatePem(), Encoding.ASCII);
            File.WriteAllText(KeyPem, key.ExportPkcs8PrivateKeyPem(), Encoding.ASCII);
            File.WriteAllBytes(Pkcs12, certificate.Export(X509ContentType.Pkcs12, Password));
            using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
            File.WriteAllBytes(PublicOnlyPkcs12, publicOnly.Export(X509ContentType.Pkcs12, Password));
        }

        public string CertificatePem => Path.Combine(root, "tls.crt");

        public string KeyPem => Path.Combine(root, "tls.key");

        public string Pkcs12 => Path.Combine(root, "keys.pfx");

        public string PublicOnlyPkcs12 => Path.Combine(root, "public.pfx");

        public void Dispose() => Directory.Delete(root, recursive: true);
    }

    /// <summary>The warnings every logger of a host writes.</summary>
    private sealed class WarningLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> messages = new();

        public IReadOnlyCollection<string> Messages => messages;

        public ILogger CreateLogger(string categoryName) => new Logger(messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    messages.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
