using Microsoft.Extensions.Configuration;
using Npgsql;
using TitleReview.EventStore;

namespace TitleReview.Intake.UnitTests;

/// <summary>
/// The services prepare their repeated ledger statements and skip the pool's reset unless the deployment's connection
/// string says otherwise; connections for session locks always keep the reset.
/// </summary>
public sealed class LedgerConnectionTests
{
    private const string Plain = "Host=db;Port=5432;Database=titlereview;Username=app;Password=secret;Maximum Pool Size=20";

    [Fact]
    public void A_connection_string_without_a_say_gets_statements_prepared_from_their_second_use_and_no_reset()
    {
        var tuned = new NpgsqlConnectionStringBuilder(LedgerConnection.Tuned(Plain));

        Assert.Equal(LedgerConnection.AutoPrepared, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        // Everything else is the deployment's, unchanged.
        Assert.Equal(("db", 5432, "titlereview", "app", "secret", 20), (tuned.Host, tuned.Port, tuned.Database, tuned.Username, tuned.Password, tuned.MaxPoolSize));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0, 5, true)]
    [InlineData("max auto prepare=0", 0, 5, true)]
    [InlineData("MaxAutoPrepare=0", 0, 5, true)]
    [InlineData("Max Auto Prepare=8;Auto Prepare Min Usages=5", 8, 5, true)]
    [InlineData("No Reset On Close=false", LedgerConnection.AutoPrepared, 2, false)]
    [InlineData("noresetonclose=false;Max Auto Prepare=0", 0, 5, false)]
    public void A_deployment_that_chose_stays_with_its_choice(string choice, int prepared, int minUsages, bool noReset)
    {
        var tuned = new NpgsqlConnectionStringBuilder(LedgerConnection.Tuned($"{Plain};{choice}"));

        // 5 is Npgsql's own default for the minimum usages: untouched when the deployment chose about preparing.
        Assert.Equal((prepared, minUsages, noReset), (tuned.MaxAutoPrepare, tuned.AutoPrepareMinUsages, tuned.NoResetOnClose));
    }

    [Theory]
    [InlineData(Plain)]
    [InlineData(Plain + ";No Reset On Close=true")]
    public void Connections_for_session_locks_are_reset_in_a_pool_of_their_own(string given)
    {
        var forLocks = LedgerConnection.ForSessionLocks(LedgerConnection.Tuned(given));

        Assert.False(new NpgsqlConnectionStringBuilder(forLocks).NoResetOnClose);
        Assert.NotEqual(LedgerConnection.Tuned(given), forLocks);
    }

    [Fact]
    public void A_missing_connection_string_stops_the_start_up_naming_the_setting()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => LedgerConnection.From(new ConfigurationBuilder().Build()));

        Assert.Contains("ConnectionStrings:eventstore", missing.Message, StringComparison.Ordinal);
    }
}
