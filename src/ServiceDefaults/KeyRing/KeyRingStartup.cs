using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TitleReview.Domain;

namespace TitleReview.ServiceDefaults.KeyRing;

/// <summary>
/// Before anything else starts (<see cref="IHostedLifecycleService.StartingAsync"/> runs ahead of every hosted
/// service's StartAsync, ASP.NET Core's own key-ring preload included): refuses clear-text keys outside Development,
/// then loads the shared ring one instance at a time.
/// </summary>
/// <remarks>
/// Refusing here rather than while services are registered lets a service's own start-up checks (its signing
/// certificate, the development clock) report first; the host still never serves a request.
/// </remarks>
internal sealed class KeyRingStartup(
    KeyRingProtection protection, IHostEnvironment environment, IKeyRingProvider keyRing, IServiceProvider services,
    ILogger<KeyRingStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!protection.Encrypted && !environment.IsDevelopment())
        {
            // The keys sign every sign-in cookie with its roles: whoever reads them from a dump or a backup in the
            // object store could forge an administrator's. Clear text is a decision someone must write down.
            if (!protection.UnprotectedAllowed)
            {
                throw new InvalidOperationException(new Bilingual(
                    $"{environment.EnvironmentName} 环境须配置数据保护密钥证书（{KeyRingSettings.Section}:Certificate:Path）：否则登录 Cookie 的签名密钥以明文存于数据库及其备份中。确需明文时设 {KeyRingSettings.Section}:AllowUnprotectedKeys=true。",
                    $"{KeyRingSettings.Section}:Certificate:Path is not set in {environment.EnvironmentName}: the keys that sign sign-in cookies would lie in clear text in the database and its backups. Set {KeyRingSettings.Section}:AllowUnprotectedKeys=true to accept that.").ToString());
            }

            logger.LogWarning(
                "Data-protection keys are stored unencrypted in {Environment} ({Setting}=true): anyone who reads the {Table} table or a backup of it can forge sign-in cookies. Set {CertificateSetting}.",
                environment.EnvironmentName, $"{KeyRingSettings.Section}:AllowUnprotectedKeys", PostgresXmlRepository.Table, $"{KeyRingSettings.Section}:Certificate:Path");
        }

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
