using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Audit.UnitTests.Verification;

/// <summary>
/// An event as a test lays it out when it is not simply an event appended by its owner: its data (null for data that
/// could not be read), who appended it, and the type it was stored under.
/// </summary>
public sealed record Step(object? Data, string? AppendedBy = Step.Owner, string? Type = null)
{
    public const string Owner = "(owner)";
}

/// <summary>
/// Histories in memory, as the ledger would hand them to the audit: global sequence numbers from 101 on. A history is
/// a list of events (appended by their owners) and <see cref="Step"/>s.
/// </summary>
public static class Ledger
{
    public const long FirstSequence = 101;
    public static readonly Guid Id = new("5eed0000-0000-4000-8000-000000000001");
    public static readonly DateTimeOffset At = new(2023, 6, 1, 10, 0, 0, ChinaTime.Offset);
    public static readonly DateOnly PublicityStart = new(2023, 6, 5);

    // Monday 06-05 to Friday 06-09: five working days, no holiday in between (端午 2023 is 06-22).
    public static readonly DateOnly PublicityEnd = new(2023, 6, 9);
    public static readonly DateOnly DueDate = new(2023, 6, 16);
    public const string Reference = "XSGC2023-5EED0001";

    public static Published Publication(DateOnly? start = null, DateOnly? end = null, int workingDays = 5, string? calendarVersion = null) =>
        new(Id, Guid.Empty, start ?? PublicityStart, end ?? PublicityEnd, workingDays, calendarVersion ?? WorkingDayCalendar.Official.Version, At.AddDays(4));

    public static PublicityCompleted Completion(DateOnly proofDate) => new(Id, Guid.Empty, proofDate, At.AddDays(10));

    public static CommitteeDecided Vote(int total, int present, int yes, int no, int abstain, bool passed) =>
        new(Id, Guid.Empty, new DateOnly(2023, 9, 1), total, present, yes, no, abstain, passed, At.AddDays(90));

    public static ApplicationSubmitted Submission(DateTimeOffset? at = null, string cycle = ReviewCycleCatalogue.Xishan2023) =>
        new(Id, "李四", "无锡某机械有限公司", "工程技术", "机械工程", TitleLevel.Engineer, cycle, at ?? At);

    /// <summary>An application that keeps every rule, from its submission to its certificate.</summary>
    public static List<object> Clean() =>
    [
        Submission(),
        new ReviewStarted(Id, "reviewer-wang", At.AddDays(1)),
        new FinalApproved(Id, "reviewer-wang", At.AddDays(2)),
        Publication(),
        new FeeAssessed(Id, 300.00m, Reference, DueDate, At.AddDays(4)),
        new FeePaid(Id, 300.00m, Reference, "platform", At.AddDays(5)),
        Completion(PublicityEnd.AddDays(1)),
        Vote(9, 6, 4, 2, 0, passed: true),
        new CertificateIssued(Id, "XSGC-2023-Z-99999", "李四", "机械工程", TitleLevel.Engineer, "无锡市锡山区工程技术中级专业技术资格评审委员会", new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 2)),
    ];

    // Positions in the clean history.
    public const int Submitted = 0, Approved = 2, PublishedAt = 3, Assessed = 4, Paid = 5, Completed = 6, Decided = 7, Issued = 8;

    public static long SequenceAt(int position) => FirstSequence + position;

    public static IReadOnlyList<LedgerEvent> Events(IEnumerable<object> steps, Guid? stream = null) =>
    [
        .. steps.Select(item => item as Step ?? new Step(item)).Select((step, i) => new LedgerEvent(
            FirstSequence + i, Guid.Empty, stream ?? Id, i + 1, step.Type ?? StoredName(step.Data), At, step.Data, "{}"u8.ToArray(), "tester", null,
            step.AppendedBy == Step.Owner ? OwnerOf(step.Data) : step.AppendedBy, null, null)),
    ];

    public static ReplayedHistory Replayed(IEnumerable<object> steps) => ReplayedHistory.Of(Events(steps), ReviewCycleCatalogue.Shipped);

    public static IReadOnlyList<Finding> Verify(IEnumerable<object> steps) => HistoryVerifier.Verify(Events(steps));

    public static List<object> With(this List<object> history, int position, object step)
    {
        history[position] = step;
        return history;
    }

    public static List<object> Inserting(this List<object> history, int position, params object[] steps)
    {
        history.InsertRange(position, steps);
        return history;
    }

    public static List<object> Without(this List<object> history, int position)
    {
        history.RemoveAt(position);
        return history;
    }

    public static List<object> Swapping(this List<object> history, int a, int b)
    {
        (history[a], history[b]) = (history[b], history[a]);
        return history;
    }

    public static List<object> Moving(this List<object> history, int from, int to)
    {
        var step = history[from];
        history.RemoveAt(from);
        history.Insert(to, step);
        return history;
    }

    private static string StoredName(object? data) =>
        data is null ? "mystery_event" : EventCatalog.All.FirstOrDefault(d => d.Type == data.GetType())?.StoredName ?? data.GetType().Name;

    private static string? OwnerOf(object? data) =>
        data is null ? null : EventCatalog.All.FirstOrDefault(d => d.Type == data.GetType())?.Owner.ToString();
}
