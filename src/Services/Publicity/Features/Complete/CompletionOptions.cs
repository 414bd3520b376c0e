namespace TitleReview.Publicity.Features.Complete;

public sealed class CompletionOptions
{
    public const string Section = "Publicity:Completion";

    /// <summary>How often the job looks for publicities that ended. A minute is plenty for a rule counted in days.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
