using System.Net.Http.Headers;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.Features.ApplicationDossier;

/// <summary>
/// Fetches an attachment's bytes from Intake, which owns them, with Review's own reviewer credential
/// (<c>Review:IntakeApiKey</c>; in Development the well-known development key). The reviewer's browser never talks to
/// Intake: their sign-in is to Review, and Review has already checked the attachment belongs to the application.
/// </summary>
public sealed class IntakeAttachments(HttpClient http, IConfiguration configuration, IHostEnvironment environment)
{
    public string? ApiKey => configuration["Review:IntakeApiKey"] is { Length: > 0 } key ? key
        : environment.IsDevelopment() ? DevelopmentApiClients.KeyByRole[Roles.Reviewer] : null;

    public async Task<HttpResponseMessage> GetAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/attachments/{attachmentId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", ApiKey);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
