namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Whether the relay is publishing a page, so the commit wake-up can hold the next look until it is done. The daemon
/// hands the relay one page per advance of the high-water mark, and a page costs about one broker confirm however
/// many events it holds; woken by every commit, the mark advanced by a few events at a time and the pages queued up
/// behind one another, so under a rush the relay fell seconds behind. Held while a page is out, the next look takes
/// everything committed meanwhile as one page. An idle relay holds nothing: a lone commit is looked at at once.
/// </summary>
public sealed class RelayPages
{
    /// <summary>The longest a look waits for a page: a relay stuck retrying a broker outage must not stop the mark.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(1);

    private TaskCompletionSource? current;

    /// <summary>Called as the relay starts publishing a page; dispose the result when the page is done.</summary>
    public IDisposable Publishing()
    {
        var page = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref current, page);
        return new Done(page);
    }

    /// <summary>Completes when no page is out, or after <see cref="MaxHold"/>.</summary>
    public async Task NotPublishingAsync(CancellationToken token)
    {
        if (Volatile.Read(ref current) is { Task.IsCompleted: false } page)
        {
            await Task.WhenAny(page.Task, Task.Delay(MaxHold, token));
            token.ThrowIfCancellationRequested();
        }
    }

    private sealed class Done(TaskCompletionSource page) : IDisposable
    {
        public void Dispose() => page.TrySetResult();
    }
}
