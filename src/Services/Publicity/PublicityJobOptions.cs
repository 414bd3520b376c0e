namespace TitleReview.Publicity;

public sealed class PublicityJobOptions
{
    public const string Section = "Publicity:Jobs";

    /// <summary>How often the jobs look for work. A minute is plenty for rules counted in days.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Beijing time of day at which pending approvals are published automatically each working day; empty: officers publish by hand.</summary>
    public TimeOnly? AutoPublishAt { get; set; }

    /// <summary>Objections one address may lodge per minute (the public form is anonymous).</summary>
    public int ObjectionsPerMinute { get; set; } = 5;
}
