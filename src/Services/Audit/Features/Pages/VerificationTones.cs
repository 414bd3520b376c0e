using TitleReview.Audit.Features.Verification;
using TitleReview.BackOffice.Components;

namespace TitleReview.Audit.Features.Pages;

public static class VerificationTones
{
    /// <summary>A run that found nothing is green, one that found something red, one still going or failed to finish as such.</summary>
    public static Tone Of(VerificationRun run) => run.State switch
    {
        RunState.Completed => run.FindingCount == 0 ? Tone.Success : Tone.Danger,
        RunState.Failed => Tone.Danger,
        _ => Tone.Info,
    };
}
