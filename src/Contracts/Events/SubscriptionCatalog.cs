namespace TitleReview.Contracts.Events;

/// <summary>One consumer of the system: the service it runs in, its name (its queue's name follows) and the events it takes.</summary>
public sealed record Subscription(ServiceName Service, string Consumer, IReadOnlyList<Type> Events)
{
    /// <summary>The consumer's queue as the services name it: "{service}-{consumer in kebab case}".</summary>
    public string Queue => $"{Service.ToString().ToLowerInvariant()}-{Kebab(Consumer)}";

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));
}

/// <summary>
/// The other half of the event table: who consumes each event. Every service that relays events declares all these
/// queues and bindings before it publishes anything, so an event published before its consumer's first start waits
/// in the consumer's queue instead of being dropped by an exchange nobody is bound to yet. Architecture.Tests checks
/// this list against the consumers in the services' code, so it cannot drift.
/// </summary>
public static class SubscriptionCatalog
{
    public static IReadOnlyList<Subscription> All { get; } =
    [
        new(ServiceName.Intake, "ApplicationStatusFollower",
        [
            typeof(ReviewStarted), typeof(RevisionRequested), typeof(FinalApproved), typeof(ApplicationRejected), typeof(Published),
            typeof(ObjectionResolved), typeof(PublicityCompleted), typeof(FeeAssessed), typeof(FeePaid), typeof(ApplicationLapsed),
            typeof(ApplicationLapseUndone), typeof(CommitteeDecided), typeof(CertificateIssued), typeof(CertificateRevoked),
        ]),
        new(ServiceName.Intake, "RecordRevokedHolder", [typeof(CertificateRevoked)]),
        new(ServiceName.Review, "QueueSubmittedApplications", [typeof(ApplicationSubmitted), typeof(ApplicationResubmitted), typeof(ApplicationWithdrawn)]),
        new(ServiceName.Publicity, "AddToNextNotice", [typeof(FinalApproved)]),
        new(ServiceName.Publicity, "ResumeAfterLapseUndone", [typeof(ApplicationLapseUndone)]),
        new(ServiceName.Payment, "AssessFeeOnFinalApproval", [typeof(FinalApproved)]),
        new(ServiceName.Certificate, "IssueOnCommitteePass", [typeof(CommitteeDecided)]),
    ];
}
