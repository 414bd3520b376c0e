using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.ServiceDefaults.Identity;

/// <summary>
/// What a posted user name and password do, the same on the gateway, on every service's own sign-in page and on the
/// development identity provider. They differ only in the cookie scheme the person is signed in with and in the page
/// shown again after a wrong password, so a rule of signing in (what a return address may hold, which claims the
/// pages read) is written once.
/// </summary>
public static class PasswordSignIn
{
    /// <summary>
    /// Refuses a return address with a control character (it cannot go into a Location header, and no link of ours
    /// carries one) before any password is checked; shows <paramref name="pageWithError"/> (return address, message)
    /// when the user is unknown or the password wrong, the same answer for both; else signs the person in under
    /// <paramref name="scheme"/> and sends them back to a local address.
    /// </summary>
    public static async Task<IResult> HandleAsync(
        SignInForm form, HttpContext http, BackOfficeUserDirectory users, string scheme, Func<string, string, IResult> pageWithError)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(pageWithError);

        if (form.ReturnUrl?.Any(char.IsControl) == true)
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]>
            {
                ["returnUrl"] = [new("返回地址含有控制字符，请从系统页面重新登录。", "returnUrl contains a control character; sign in again from a page of this site.")],
            });
        }

        var returnUrl = ReturnUrls.Local(form.ReturnUrl);
        if (users.SignIn(form.UserId, form.Password) is not { } user)
        {
            return pageWithError(returnUrl, "用户名或密码错误。");
        }

        await http.SignInAsync(scheme, Principal(user, scheme));
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>The person as every page and the gateway's token read them: id, display name, roles.</summary>
    public static ClaimsPrincipal Principal(BackOfficeUser user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Id), new Claim(GatewayToken.DisplayNameClaim, user.DisplayName), .. user.Roles.Select(role => new Claim(ClaimTypes.Role, role))],
            scheme));
    }
}
