using Npgsql;

namespace TitleReview.Bench.Load;

/// <summary>What the numbers were measured on, for the README's machine column: cores, memory, the server and its mode.</summary>
public static class Machine
{
    public static async Task<string> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var mode = reader.GetString(1) == "on" ? "fsync on" : "fsync off";
        return $"{Environment.ProcessorCount} cores, {memory:F0} GiB, local PostgreSQL {reader.GetString(0).Split(' ')[0]} ({mode}, synchronous_commit {reader.GetString(2)}), Release build";
    }
}
