using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Testing;

public static class RoleClients
{
    /// <summary>Signs the client in with the development key of <paramref name="role"/>.</summary>
    public static HttpClient As(this HttpClient client, string role)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", DevelopmentApiClients.KeyByRole[role]);
        return client;
    }

    /// <summary>Signs the client in as the second development portal client, which must not see the first one's work.</summary>
    public static HttpClient AsSecondPortal(this HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", DevelopmentApiClients.SecondPortalKey);
        return client;
    }
}
