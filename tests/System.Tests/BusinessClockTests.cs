using TitleReview.Intake.Features.Status;
using Microsoft.AspNetCore.Hosting;
using TitleReview.Testing;

namespace TitleReview.SystemTests;

[Collection(SystemCollection.Name)]
public sealed class BusinessClockTests(SystemFixture system)
{
    [Fact]
    public void A_service_refuses_to_start_in_Production_with_the_adjustable_clock_on()
    {
        using var production = new ProductionHost(system.Infrastructure);

        var refused = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        var reason = refused as InvalidOperationException ?? refused.InnerException as InvalidOperationException;
        Assert.NotNull(reason);
        Assert.Contains("BusinessClock:Adjustable is true in Production", reason.Message, StringComparison.Ordinal);
    }

    private sealed class ProductionHost(TestInfrastructure infrastructure) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<ApplicationFile>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:eventstore", infrastructure.EventStore);
            builder.UseSetting("ConnectionStrings:messaging", infrastructure.Messaging);
            builder.UseSetting("BusinessClock:Adjustable", "true");
        }
    }
}
