using TitleReview.Contracts.Events;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>Design, lifecycle: nothing happens to an application after its terminal event.</summary>
public static class TerminalRule
{
    public static IEnumerable<Found> Check(ReplayedHistory history)
    {
        foreach (var step in history.Steps)
        {
            if (step.Before.Terminal is { } end && !AllowedAfter(end, step))
            {
                yield return new Found(step.At, AuditRules.NothingAfterTerminal, [end.Sequence, step.Sequence],
                    $"终结事件“{end.Type}”之后又出现“{step.Event.Type}”。", $"'{step.Event.Type}' after the terminal event '{end.Type}'.");
            }
        }
    }

    // A revocation ends an issued certificate; a refund returns money and changes nothing in the lifecycle (a payment
    // that arrives after a lapse must go back); a lapse is undone by a payment made in time (its own rule checks the
    // time); an objection lodged during the publicity is still answered after the applicant withdrew or the fee lapsed
    // (the objector is owed the answer; it ends nothing again). Everything else after the end is a breach.
    private static bool AllowedAfter(TerminalEvent end, ApplicationStep step) => step.Data switch
    {
        CertificateRevoked => step.Before.Certificate is not null && end.Type == TerminalEvent.CertificateIssued,
        FeeRefunded => true,
        ApplicationLapseUndone => end.Type == TerminalEvent.Lapsed,
        ObjectionResolved => end.Type is TerminalEvent.Withdrawn or TerminalEvent.Lapsed,
        _ => false,
    };
}
