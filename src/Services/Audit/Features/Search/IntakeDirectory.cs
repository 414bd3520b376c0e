using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace TitleReview.Audit.Features.Search;

/// <summary>
/// Asks Intake which applications carry a 身份证 number. The auditor's own credentials are passed on, so Intake
/// checks the role itself and its log shows who asked: Audit never holds a key that could read personal data alone.
/// </summary>
public sealed class IntakeDirectory(HttpClient http)
{
    public async Task<IReadOnlyList<Guid>> ApplicationsOfAsync(string idNumber, HttpContext caller, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/by-id-number?idNumber={Uri.EscapeDataString(idNumber)}");
        if (AuthenticationHeaderValue.TryParse(caller.Request.Headers.Authorization.ToString(), out var credentials))
        {
            request.Headers.Authorization = credentials;
        }

        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<Guid>>(cancellationToken) ?? [];
    }
}
