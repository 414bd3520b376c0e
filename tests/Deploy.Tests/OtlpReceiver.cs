using System.Net;
using System.Text;
using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// An OTLP/HTTP endpoint that keeps what it is sent, standing in for the Aspire dashboard (which is such an endpoint):
/// a metric a service exports here is a metric the dashboard shows. Protobuf is not decoded: a metric's name travels as
/// a UTF-8 string field, which is enough to tell whether it was sent.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<(string Path, byte[] Body)> received = [];
    private readonly Task serving;

    public OtlpReceiver()
    {
        Address = new Uri($"http://127.0.0.1:{Ports.Free()}/");
        listener.Prefixes.Add(Address.ToString());
        listener.Start();
        serving = ServeAsync();
    }

    public Uri Address { get; }

    /// <summary>Whether any request to <paramref name="path"/> (e.g. /v1/metrics) carried <paramref name="text"/>.</summary>
    public bool Received(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (received)
        {
            return received.Any(request => request.Path == path && request.Body.AsSpan().IndexOf(bytes) >= 0);
        }
    }

    public IReadOnlyList<string> Paths()
    {
        lock (received)
        {
            return [.. received.Select(request => request.Path).Distinct()];
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
                }

                // An empty export response (protobuf with no fields) is a full success in OTLP/HTTP.
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or IOException or InvalidOperationException)
            {
                // One exporter that hung up mid-request; the next request is served as usual.
            }
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}
