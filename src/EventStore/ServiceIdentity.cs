using TitleReview.Contracts;

namespace TitleReview.EventStore;

/// <summary>Which service this process is: decides its document schema, its queues and the events it may append.</summary>
public sealed record ServiceIdentity(ServiceName Name)
{
    public string LowerName => Name.ToString().ToLowerInvariant();
}
