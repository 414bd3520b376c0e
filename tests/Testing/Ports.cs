using System.Net;
using System.Net.Sockets;

namespace TitleReview.Testing;

public static class Ports
{
    // Below Linux's ephemeral range (32768–60999 by default). A port the OS handed out as "free" (bind to port 0) comes
    // from that range, and every outgoing connection of every parallel test process (Npgsql, RabbitMQ, HttpClient)
    // takes its local port from it too: a CI run failed when one of those took the port in the moment between the
    // pick and Kestrel's bind. Nothing allocates from this range on its own, so a port checked free here stays free.
    private const int First = 20_000;
    private const int Last = 32_000;

    private static readonly HashSet<int> Given = [];

    /// <summary>A loopback port free right now, for a host that must listen on a real socket (browser, service to service).</summary>
    public static int Free()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                // Random, so parallel test processes (one per test project) seldom even try the same port.
                var port = Random.Shared.Next(First, Last);
                if (Given.Contains(port) || !Bindable(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
