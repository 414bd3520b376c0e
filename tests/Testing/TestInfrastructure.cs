using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using TitleReview.EventStore.Messaging;

namespace TitleReview.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ a test run uses, with data of its own: a fresh database, and a fresh RabbitMQ
/// virtual host where the local script manages the broker. Connection strings come from the environment (CI and
/// deploy/local/infra.sh), else from Testcontainers where a Docker engine answers; otherwise the run stops and says why.
/// </summary>
public sealed class TestInfrastructure : IAsyncDisposable
{
    private readonly string? infraScript;
    private readonly string adminConnectionString;
    private readonly string? vhost;
    private readonly IAsyncDisposable[] containers;

    private TestInfrastructure(string adminConnectionString, string eventStore, string messaging, string database, string? vhost, string? infraScript, IAsyncDisposable[] containers)
    {
        this.adminConnectionString = adminConnectionString;
        EventStore = eventStore;
        Messaging = messaging;
        Database = database;
        this.vhost = vhost;
        this.infraScript = infraScript;
        this.containers = containers;
    }

    public string EventStore { get; }
    public string Messaging { get; }
    public string Database { get; }

    /// <summary>Whether this run can stop and start the broker (only a broker the local script manages).</summary>
    public bool CanControlBroker => infraScript is not null;

    public static async Task<TestInfrastructure> StartAsync()
    {
        var runId = $"tr_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
        var eventStore = Environment.GetEnvironmentVariable("ConnectionStrings__eventstore");
        var messaging = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        if (!string.IsNullOrEmpty(eventStore) && !string.IsNullOrEmpty(messaging))
        {
            var script = Environment.GetEnvironmentVariable("TITLEREVIEW_INFRA_SCRIPT") is { Length: > 0 } path && File.Exists(path) ? path : null;
            string? vhost = null;
            if (script is not null)
            {
                await RunAsync(script, $"vhost-add {runId}");
                vhost = runId;
            }

            var broker = new UriBuilder(messaging) { Path = vhost is null ? "/" : "/" + vhost }.Uri.ToString();
            return new TestInfrastructure(eventStore, await CreateDatabaseAsync(eventStore, runId), broker, runId, vhost, script, []);
        }

        if (DockerAnswers())
        {
            var postgres = new PostgreSqlBuilder("postgres:15").Build();
            var rabbit = new RabbitMqBuilder("rabbitmq:3.10-management").Build();
            await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
            var admin = postgres.GetConnectionString();
            return new TestInfrastructure(admin, await CreateDatabaseAsync(admin, runId), rabbit.GetConnectionString(), runId, null, null, [postgres, rabbit]);
        }

        throw new InvalidOperationException(
            "No PostgreSQL/RabbitMQ for the tests. Run 'deploy/local/test.sh' (it starts both with deploy/local/infra.sh), " +
            "or export ConnectionStrings__eventstore and ConnectionStrings__messaging, or start a Docker engine for Testcontainers.");
    }

    public Task StopBrokerAsync() => RunAsync(infraScript ?? throw new InvalidOperationException("This run does not manage the broker."), "rabbitmq-stop");

    public Task StartBrokerAsync() => RunAsync(infraScript ?? throw new InvalidOperationException("This run does not manage the broker."), "rabbitmq-start");

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await ScalarObjectAsync(sql, parameters) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    public async Task<string> ScalarTextAsync(string sql, params (string Name, object Value)[] parameters) =>
        (string?)await ScalarObjectAsync(sql, parameters) ?? "";

    private async Task<object?> ScalarObjectAsync(string sql, (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(EventStore);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    public async Task<IReadOnlyList<string>> EventTypesAsync(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(EventStore);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select type from ledger.mt_events where stream_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", streamId);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists \"{Database}\" with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A database left behind is only disk; it never leaks into another run, which uses its own name.
        }

        if (vhost is not null && infraScript is not null)
        {
            await RunAsync(infraScript, $"vhost-delete {vhost}");
        }

        foreach (var container in containers)
        {
            await container.DisposeAsync();
        }
    }

    private static async Task<string> CreateDatabaseAsync(string adminConnectionString, string database)
    {
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// Messages ready in a queue of the run's virtual host (<see cref="ConsumerQueues.ReadyMessagesAsync"/>): exact at
    /// once, unlike <see cref="QueuesAsync"/>, whose counts are the broker's statistics (refreshed every 5 s) read by a
    /// CLI that starts an Erlang VM (~1 s of CPU) each call. This one is for waiting on a count.
    /// </summary>
    public async Task<long> ReadyMessagesAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Messaging) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await ConsumerQueues.ReadyMessagesAsync(channel, queue, CancellationToken.None);
    }

    /// <summary>Every queue of this run's virtual host with the messages in it (only where the local script manages the broker).</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueuesAsync()
    {
        var output = await RunAsync(infraScript ?? throw new InvalidOperationException("This run does not manage the broker."), $"queues {vhost}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', ' '))
            .Where(parts => parts.Length >= 2 && long.TryParse(parts[^1], out _))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> RunAsync(string script, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", $"\"{script}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not run {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {arguments} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    private static bool DockerAnswers()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is null && !File.Exists("/var/run/docker.sock"))
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true });
            return process is not null && process.WaitForExit(TimeSpan.FromSeconds(15)) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
