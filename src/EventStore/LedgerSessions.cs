using System.Diagnostics;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.Telemetry;
using TitleReview.EventStore.Messaging;

namespace TitleReview.EventStore;

/// <summary>
/// Opens Marten sessions that stamp every appended event with the acting user, correlation and causation.
/// Sessions are opened explicitly per request, message or job so the metadata can never come from a stale scope.
/// </summary>
public sealed class LedgerSessions(IDocumentStore store, ServiceIdentity service, TimeProvider clock)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public IDocumentSession OpenForRequest(HttpContext http) => Open(ActingFor(http));

    /// <summary>The signed-in caller (or "anonymous" on public endpoints) and the request's correlation id.</summary>
    public static ActingContext ActingFor(HttpContext http)
    {
        var user = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous";
        // Each identity names its own role claim type (ours use ClaimTypes.Role; an OpenID Connect provider, "roles").
        var role = http.User.Identity?.IsAuthenticated == true
            ? string.Join(',', http.User.Identities.SelectMany(identity => identity.FindAll(identity.RoleClaimType)).Select(c => c.Value))
            : "public";
        var correlation = http.Request.Headers[CorrelationHeader].FirstOrDefault() is { Length: > 0 and <= 100 } given
            ? given
            : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        return new ActingContext(user, role, correlation, null);
    }

    public IDocumentSession OpenForMessage(ConsumeContext message)
    {
        var correlation = (message.CorrelationId ?? message.ConversationId ?? message.MessageId)?.ToString() ?? Guid.NewGuid().ToString();
        return Open(ActingContext.System(service.LowerName, correlation, message.MessageId?.ToString()));
    }

    /// <summary>
    /// Runs a consumer's effect at most once per message: skipped when this consumer already processed the message,
    /// otherwise committed together with the record that it did (see <see cref="Messaging.ProcessedMessage"/>).
    /// </summary>
    public async Task ProcessOnceAsync(ConsumeContext message, string consumer, Func<IDocumentSession, Task> effect)
    {
        await using var session = OpenForMessage(message);
        if (await session.AlreadyProcessedAsync(message, consumer))
        {
            return;
        }

        await effect(session);
        session.MarkProcessed(message, consumer, clock.GetUtcNow());
        await session.SaveChangesAsync(message.CancellationToken);
    }

    public IDocumentSession OpenForJob(string job) =>
        Open(ActingContext.System($"{service.LowerName}.{job}", Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString()));

    public IQuerySession Query() => store.QuerySession();

    public IDocumentSession Open(ActingContext acting)
    {
        var session = store.LightweightSession();
        session.CorrelationId = acting.CorrelationId;
        session.CausationId = acting.CausationId;
        session.LastModifiedBy = acting.UserId;
        session.SetHeader(ActingContext.UserIdHeader, acting.UserId);
        session.SetHeader(ActingContext.RoleHeader, acting.Role);
        session.SetHeader(ActingContext.ServiceHeader, service.Name.ToString());
        foreach (var (header, value) in TracePropagation.HeadersOf(Activity.Current))
        {
            session.SetHeader(header, value);
        }

        return session;
    }
}
