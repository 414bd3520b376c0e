using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.ServiceDefaults.KeyRing;

namespace TitleReview.SystemTests;

/// <summary>
/// The shared key ring's table and start-up on a database of their own (each test that needs an empty ring drops the
/// table first): what instances see of each other's keys, and instances starting at once.
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

    private IHost KeyRingHost(string environment, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? [])
        {
            ["ConnectionStrings:eventstore"] = ConnectionString,
        });
        builder.Services.AddLogging();
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
}
