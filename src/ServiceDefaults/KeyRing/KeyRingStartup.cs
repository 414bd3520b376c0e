using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TitleReview.ServiceDefaults.KeyRing;

/// <summary>
/// Before anything else starts (<see cref="IHostedLifecycleService.StartingAsync"/> runs ahead of every hosted
/// service's StartAsync, ASP.NET Core's own key-ring preload included): loads the shared ring one instance at a time.
/// </summary>
internal sealed class KeyRingStartup(IKeyRingProvider keyRing, IServiceProvider services) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<PostgresXmlRepository>() is { } repository)
        {
            await repository.LoadExclusivelyAsync(() => keyRing.GetCurrentKeyRing(), cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
