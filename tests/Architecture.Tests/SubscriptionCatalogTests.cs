using TitleReview.Contracts;
using TitleReview.Contracts.Events;

namespace TitleReview.Architecture.Tests;

/// <summary>
/// The subscription table (who consumes what, declared by every relay before it publishes) is the consumers in the
/// services' code: a consumer added, renamed or given another event without the table would lose the events
/// published before its first start.
/// </summary>
public sealed class SubscriptionCatalogTests
{
    [Fact]
    public void Every_consumer_in_the_services_is_in_the_subscription_catalog_with_exactly_its_events()
    {
        var inCode = Layers.Services
            .SelectMany(service => service.Value.GetTypes()
                .Where(type => type is { IsClass: true, IsAbstract: false })
                .Select(type => (Service: Enum.Parse<ServiceName>(service.Key["TitleReview.".Length..]), Consumer: type,
                    Events: type.GetInterfaces()
                        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == "MassTransit.IConsumer`1")
                        .Select(i => i.GetGenericArguments()[0]).ToHashSet())))
            .Where(c => c.Events.Count > 0)
            .Select(c => $"{c.Service} {c.Consumer.Name}: {string.Join(", ", c.Events.Select(e => e.Name).Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal);
        var inCatalog = SubscriptionCatalog.All
            .Select(s => $"{s.Service} {s.Consumer}: {string.Join(", ", s.Events.Select(e => e.Name).Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(inCode, inCatalog);
    }

    [Fact]
    public void Every_catalogued_event_is_one_the_ledger_knows_and_another_service_owns()
    {
        foreach (var subscription in SubscriptionCatalog.All)
        {
            Assert.All(subscription.Events, e => Assert.NotEqual(subscription.Service, EventCatalog.All.Single(d => d.Type == e).Owner));
        }
    }
}
