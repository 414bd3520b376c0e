namespace TitleReview.Audit.Features.Verification;

public enum RunState
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>One verification over every stream, with its progress so the UI and the CLI can show how far it got.</summary>
public sealed class VerificationRun
{
    public Guid Id { get; set; }
    public RunState State { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Streams in the ledger when the run started; a stream created meanwhile belongs to the next run.</summary>
    public long TotalApplications { get; set; }
    public long CheckedApplications { get; set; }
    public long CheckedEvents { get; set; }
    public long ApplicationsWithFindings { get; set; }
    public int FindingCount { get; set; }
    public Dictionary<string, int> FindingsByRule { get; set; } = [];
    public string? Error { get; set; }

    public int Percent => State == RunState.Completed ? 100
        : TotalApplications == 0 ? 0
        : (int)Math.Min(99, CheckedApplications * 100 / TotalApplications);

    public string StateChinese => State switch
    {
        RunState.Queued => "排队中",
        RunState.Running => "核验中",
        RunState.Completed => "已完成",
        RunState.Failed => "失败",
        _ => State.ToString(),
    };
}

/// <summary>A finding kept with its run; <see cref="Index"/> keeps the order the replay found them in.</summary>
public sealed class RunFinding
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public int Index { get; set; }
    public Guid ApplicationId { get; set; }
    public string Rule { get; set; } = "";
    public string Clause { get; set; } = "";
    public string Chinese { get; set; } = "";
    public string English { get; set; } = "";
    public long[] Sequences { get; set; } = [];

    public static RunFinding Of(Guid runId, int index, Finding finding) => new()
    {
        Id = Guid.NewGuid(),
        RunId = runId,
        Index = index,
        ApplicationId = finding.ApplicationId,
        Rule = finding.Rule,
        Clause = finding.Clause,
        Chinese = finding.Chinese,
        English = finding.English,
        Sequences = [.. finding.Sequences],
    };
}
