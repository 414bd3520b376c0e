namespace TitleReview.Contracts.Events;

/// <summary>Every lifecycle event belongs to exactly one application stream, keyed by the application id.</summary>
public interface IApplicationEvent
{
    Guid ApplicationId { get; }
}
