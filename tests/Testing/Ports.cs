namespace TitleReview.Testing;

public static class Ports
{
    /// <summary>A loopback port free right now, for a host that must listen on a real socket (browser, service to service).</summary>
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
