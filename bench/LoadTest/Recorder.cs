using System.Collections.Concurrent;
using System.Diagnostics;

namespace TitleReview.Bench.Load;

/// <summary>
/// What the load saw, from the client's side: durations per measure, answers per request and status code (0: no answer,
/// with the exception), and the ids of the accepted applications, in the order they were accepted.
/// </summary>
public sealed class Recorder
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> firstFailure = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Guid> accepted = new();

    public IReadOnlyCollection<Guid> Accepted => accepted;

    public void Latency(string measure, long sinceTimestamp) =>
        latencies.GetOrAdd(measure, _ => new()).Enqueue(Stopwatch.GetElapsedTime(sinceTimestamp).TotalMilliseconds);

    public void Answer(string request, Answer answer)
    {
        var key = $"{request} {answer.Status}";
        answers.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (answer.Failure is { } failure)
        {
            firstFailure.TryAdd(key, failure.Length > 300 ? failure[..300] : failure);
        }

        if (answer.Accepted && answer.Id is { } id && request == Requests.Submission)
        {
            accepted.Enqueue(id);
        }
    }

    public LatencySummary Summary(string measure) =>
        LatencySummary.Of(latencies.TryGetValue(measure, out var values) ? values : []);

    public IEnumerable<string> Measures => latencies.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every request and status with its count, e.g. "POST /api/applications 201: 1,234".</summary>
    public IEnumerable<(string Key, int Count, string? Example)> Answers =>
        answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value, firstFailure.GetValueOrDefault(a.Key)));

    /// <summary>The requests answered with anything but success, by request and status ("0" is no answer at all).</summary>
    public IEnumerable<(string Key, int Count, string? Example)> Failures =>
        Answers.Where(a => !a.Key.EndsWith(" 200", StringComparison.Ordinal) && !a.Key.EndsWith(" 201", StringComparison.Ordinal));
}

/// <summary>The names the recorder keys requests by.</summary>
public static class Requests
{
    public const string Submission = "POST /api/applications";
    public const string Upload = "POST /api/attachments";
    public const string Claim = "POST …/claim";
    public const string Approval = "POST …/final-approval";
}
