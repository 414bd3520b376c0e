using TitleReview.Testing;

namespace TitleReview.Deploy.Tests;

/// <summary>
/// Several instances of one published service, each on a port of its own, as behind a load balancer: requests go to
/// each live instance in turn, and a request an instance cannot answer (it was killed, or died mid-request) goes to the
/// next, as a load balancer routes around a dead pod. An instance killed stays out of the rotation until restarted.
/// </summary>
public sealed class ServiceInstances(string name, string publishFolder, int count) : IDisposable
{
    private readonly PublishedService?[] running = new PublishedService?[count];
    private int turn;
    private bool disposed;

    public string Name => name;

    /// <summary>Each instance's address; an instance keeps its port across restarts.</summary>
    public IReadOnlyList<Uri> Addresses { get; } = [.. Enumerable.Range(0, count).Select(_ => new Uri($"http://127.0.0.1:{Ports.Free()}"))];

    /// <summary>Starts (or restarts) instance <paramref name="index"/> and waits until it answers /alive.</summary>
    public async Task StartAsync(int index, IReadOnlyDictionary<string, string> settings)
    {
        var instance = PublishedService.Start($"{name}[{index}]", publishFolder, Addresses[index].Port, settings);
        if (await instance.WaitUntilAliveAsync(TimeSpan.FromMinutes(3)) is { } failure)
        {
            instance.Dispose();
            throw new InvalidOperationException(failure);
        }

        lock (running)
        {
            if (disposed)
            {
                // The test ended while this instance started: keep nothing running that no one will stop.
                instance.Dispose();
                return;
            }

            running[index] = instance;
        }
    }

    /// <summary>kill -9 of instance <paramref name="index"/>; it leaves the rotation at once.</summary>
    public void Kill(int index)
    {
        var instance = running[index] ?? throw new InvalidOperationException($"{name}[{index}] is not running.");
        running[index] = null;
        instance.Kill();
    }

    /// <summary>
    /// Sends to the next live instance; on a connection refused or broken mid-request, to the one after, for up to a
    /// minute. A request broken mid-way may have been done: the caller's step must be safe to repeat.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var address = NextLive();
            using var message = request();
            message.RequestUri = new Uri(address, message.RequestUri!.OriginalString);
            try
            {
                return await client.SendAsync(message);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Sends to instance <paramref name="index"/> only (it must be running).</summary>
    public async Task<HttpResponseMessage> SendToAsync(int index, HttpClient client, Func<HttpRequestMessage> request)
    {
        using var message = request();
        message.RequestUri = new Uri(Addresses[index], message.RequestUri!.OriginalString);
        return await client.SendAsync(message);
    }

    /// <summary>Whether every instance that should be running still is (one that crashed on its own fails the test).</summary>
    public IEnumerable<string> Crashed() =>
        running.Where(instance => instance is { HasExited: true }).Select(instance => instance!.RecentOutput);

    private Uri NextLive()
    {
        for (var tried = 0; tried < count; tried++)
        {
            var index = (int)((uint)Interlocked.Increment(ref turn) % (uint)count);
            if (running[index] is not null)
            {
                return Addresses[index];
            }
        }

        // All down for a moment (a restart in progress): any address; the caller's retry waits for one to come back.
        return Addresses[0];
    }

    public void Dispose()
    {
        lock (running)
        {
            disposed = true;
            foreach (var instance in running)
            {
                instance?.Dispose();
            }
        }
    }
}
