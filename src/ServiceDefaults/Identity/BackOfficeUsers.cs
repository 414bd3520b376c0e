using Microsoft.AspNetCore.Identity;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// People who sign in to the back-office pages (<c>Auth:Users</c>): id, display name, roles and a PBKDF2 password hash
/// (ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> format). Never a plain password in configuration.
/// </summary>
public sealed class BackOfficeUser
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string PasswordHash { get; set; } = "";
}

public sealed class BackOfficeUserOptions
{
    public List<BackOfficeUser> Users { get; set; } = [];
}

/// <summary>
/// DEVELOPMENT ONLY: one person per role (and a second reviewer, so two people can work one queue), password
/// <see cref="Password"/>, used only when no users are configured and the environment is Development.
/// </summary>
public static class DevelopmentUsers
{
    public const string Password = "dev-password";

    private static readonly PasswordHasher<BackOfficeUser> Hasher = new();

    public static readonly (string Id, string Name, string Role)[] People =
    [
        ("reviewer-wang", "王审核", Roles.Reviewer),
        ("reviewer-li", "李审核", Roles.Reviewer),
        ("secretary-zhao", "赵秘书", Roles.CommitteeSecretary),
        ("officer-sun", "孙公示", Roles.PublicityOfficer),
        ("finance-qian", "钱财务", Roles.Finance),
        ("auditor-zhou", "周审计", Roles.Auditor),
        ("admin-wu", "吴管理员", Roles.Admin),
    ];

    public static List<BackOfficeUser> Create() =>
    [
        .. People.Select(p =>
        {
            var user = new BackOfficeUser { Id = p.Id, DisplayName = p.Name, Roles = [p.Role] };
            user.PasswordHash = Hasher.HashPassword(user, Password);
            return user;
        }),
    ];
}

/// <summary>Checks a user name and password against the configured users, in the same time whether or not the user exists.</summary>
public sealed class BackOfficeUserDirectory(Microsoft.Extensions.Options.IOptionsMonitor<BackOfficeUserOptions> options)
{
    private static readonly PasswordHasher<BackOfficeUser> Hasher = new();
    private static readonly BackOfficeUser Nobody = DevelopmentUsers.Create()[0];

    public BackOfficeUser? SignIn(string? userId, string? password)
    {
        if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrEmpty(password) || password.Length > 200)
        {
            return null;
        }

        var user = options.CurrentValue.Users.FirstOrDefault(u => string.Equals(u.Id, userId.Trim(), StringComparison.OrdinalIgnoreCase));
        // Hash even for an unknown user, so the answer's timing does not tell which user names exist.
        var result = Hasher.VerifyHashedPassword(user ?? Nobody, (user ?? Nobody).PasswordHash, password);
        return user is not null && result != PasswordVerificationResult.Failed ? user : null;
    }
}
