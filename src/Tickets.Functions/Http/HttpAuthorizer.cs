using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Functions.Http;

/// <summary>Who is calling: the account a valid token names (null for a function anyone may call), or the problem to answer with.</summary>
public readonly record struct Authentication(User? Account, IActionResult? Refusal);

/// <summary>
/// Enforces a function's <see cref="AccessAttribute"/> in two steps, so the gate can count the call in between:
/// <see cref="AuthenticateAsync"/> validates the bearer token, loads the account and compares it with the token (active,
/// same security stamp, session not ended), so a deactivation, role or password change, or a logout applies at once;
/// <see cref="Admit"/> checks the role and fills the invocation's <see cref="CurrentUser"/>.
/// </summary>
public sealed class HttpAuthorizer(TokenService tokens, IUserStore users, CurrentUser currentUser)
{
    private static readonly Error MissingToken = Error.Unauthorized("missing_token", "Sign in and send the access token as 'Authorization: Bearer <token>'.");
    private static readonly Error InvalidToken = Error.Unauthorized("invalid_token", "The access token is missing, expired or not valid.");

    public async ValueTask<Authentication> AuthenticateAsync(HttpContext http, Who who)
    {
        if (who == Who.Anyone) return default;

        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Refuse(MissingToken);
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Refuse(InvalidToken);

        var claims = await tokens.ValidateAsync(header["Bearer ".Length..].Trim());
        if (claims is null || !Ids.IsWellFormed(claims.Subject)) return Refuse(InvalidToken);

        var user = await users.FindByIdAsync(claims.Subject, http.RequestAborted);
        if (user is not { Active: true } || user.SecurityStamp != claims.SecurityStamp || user.HasEnded(claims.SessionId))
            return Refuse(InvalidToken);
        return new Authentication(user, null);
    }

    /// <summary>Null when <paramref name="account"/>'s role may call the function (it becomes the current user); otherwise the 403.</summary>
    public IActionResult? Admit(User account, Who who)
    {
        var allowed = who switch
        {
            Who.SignedIn => true,
            Who.Staff => account.IsStaff,
            Who.Admin => account.Role == Role.Admin,
            _ => false,
        };
        if (!allowed) return Api.Problem(Error.Forbidden("Your role may not do this."));

        currentUser.SignIn(account);
        return null;
    }

    private static Authentication Refuse(Error error) => new(null, Api.Problem(error));
}
