namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// Machine and back-office API clients, from configuration (<c>Auth:Clients</c>). Only the SHA-256 of each key is
/// configured, so a leaked configuration file does not leak working keys.
/// </summary>
public sealed class ApiClientOptions
{
    public const string Section = "Auth";

    public List<ApiClient> Clients { get; set; } = [];
}

public sealed class ApiClient
{
    public string Id { get; set; } = "";
    public List<string> Roles { get; set; } = [];

    /// <summary>Lower-case hex SHA-256 of the key the client sends.</summary>
    public string KeySha256 { get; set; } = "";
}
