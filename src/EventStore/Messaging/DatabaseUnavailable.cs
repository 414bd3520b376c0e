using System.Net.Sockets;
using Npgsql;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Whether a consumer's failure means PostgreSQL could not be reached (down, restarting, the network to it broken),
/// as opposed to anything about the message or the data: only those are worth redelivering later.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>
    /// Server-side errors that mean "not serving now": class 08 (connection exception), 57P01 admin shutdown,
    /// 57P02 crash shutdown, 57P03 cannot connect now (starting up or in recovery). Npgsql also calls serialization
    /// failures and deadlocks transient; those are the data's contention, which the immediate retries handle.
    /// </summary>
    private static readonly string[] ServerStates = ["57P01", "57P02", "57P03"];

    /// <summary>
    /// Walks the exception, its inner exceptions and every branch of an <see cref="AggregateException"/>: Marten
    /// and its resilience pipeline wrap what Npgsql throws. When the port refuses or the connection is reset, Npgsql
    /// throws an <see cref="NpgsqlException"/> whose inner exception is a <see cref="SocketException"/> or an
    /// <see cref="IOException"/> (IsTransient); a connect timeout is an NpgsqlException around a <see cref="TimeoutException"/>.
    /// </summary>
    public static bool Is(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 32; depth++)
        {
            switch (exception)
            {
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(Is);
                case PostgresException server:
                    return server.SqlState.StartsWith("08", StringComparison.Ordinal) || ServerStates.Contains(server.SqlState, StringComparer.Ordinal);
                // Npgsql calls transient more than a refused connection: a command timeout or an exhausted pool too.
                // Those wait as well: a database too busy to answer is as unavailable to a consumer as one that is down.
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
            }

            exception = exception.InnerException;
        }

        return false;
    }
}
