namespace TitleReview.Testing;

/// <summary>Polls for something that happens asynchronously (a message consumed, a job run) instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, Func<T, bool> until, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await probe();
            if (last is not null && until(last))
            {
                return last;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds:0}s for {what}; last seen: {last}");
    }
}
