using Microsoft.Extensions.Configuration;
using Npgsql;
using TitleReview.ServiceDefaults;
using TitleReview.EventStore;

namespace TitleReview.Intake.UnitTests;

/// <summary>
/// The services prepare their repeated ledger statements unless the deployment's connection string says otherwise,
/// and keep the pool's reset; connections for session locks (SessionLockConnections) keep the reset even when the
/// deployment turned it off.
/// </summary>
public sealed class LedgerConnectionTests
{
    private const string Plain = "Host=db;Port=5432;Database=titlereview;Username=app;Password=secret;Maximum Pool Size=20";

    [Fact]
    public void A_connection_string_without_a_say_gets_statements_prepared_from_their_second_use_and_keeps_the_reset()
    {
        var tuned = new NpgsqlConnectionStringBuilder(LedgerConnection.WithAutoPrepare(Plain));

        Assert.Equal(LedgerConnection.AutoPrepared, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.False(tuned.NoResetOnClose);
        // Everything else is the deployment's, unchanged.
        Assert.Equal(("db", 5432, "titlereview", "app", "secret", 20), (tuned.Host, tuned.Port, tuned.Database, tuned.Username, tuned.Password, tuned.MaxPoolSize));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("max auto prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    [InlineData("Max Auto Prepare=8;Auto Prepare Min Usages=5")]
    public void A_deployment_that_chose_stays_with_its_choice(string choice)
    {
        var given = $"{Plain};{choice}";

        Assert.Equal(given, LedgerConnection.WithAutoPrepare(given));
    }

    [Theory]
    [InlineData(Plain)]
    [InlineData(Plain + ";No Reset On Close=true")]
    public void Connections_for_session_locks_are_reset_in_a_pool_of_their_own(string given)
    {
        var services = LedgerConnection.WithAutoPrepare(given);
        var forLocks = SessionLockConnections.Of(services);

        Assert.False(new NpgsqlConnectionStringBuilder(forLocks).NoResetOnClose);
        Assert.NotEqual(services, forLocks);
    }

    [Fact]
    public void A_missing_connection_string_stops_the_start_up_naming_the_setting()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => LedgerConnection.From(new ConfigurationBuilder().Build()));

        Assert.Contains("ConnectionStrings:eventstore", missing.Message, StringComparison.Ordinal);
    }
}
