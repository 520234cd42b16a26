using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Functions.Http;

/// <summary>
/// Enforces a function's <see cref="AccessAttribute"/>: validates the bearer token, loads the account and compares
/// it with the token (active, same security stamp, session not ended), so a deactivation, role or password change,
/// or a logout applies at once; then fills the invocation's <see cref="CurrentUser"/>.
/// </summary>
public sealed class HttpAuthorizer(TokenService tokens, IUserStore users, CurrentUser currentUser)
{
    private static readonly Error MissingToken = Error.Unauthorized("missing_token", "Sign in and send the access token as 'Authorization: Bearer <token>'.");
    private static readonly Error InvalidToken = Error.Unauthorized("invalid_token", "The access token is missing, expired or not valid.");

    /// <summary>Null when the caller may proceed; otherwise the problem to answer with.</summary>
    public async Task<IActionResult?> AuthorizeAsync(HttpContext http, Who who)
    {
        if (who == Who.Anyone) return null;

        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header)) return Api.Problem(MissingToken);
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Api.Problem(InvalidToken);

        var claims = await tokens.ValidateAsync(header["Bearer ".Length..].Trim());
        if (claims is null || !Ids.IsWellFormed(claims.Subject)) return Api.Problem(InvalidToken);

        var user = await users.FindByIdAsync(claims.Subject, http.RequestAborted);
        if (user is not { Active: true } || user.SecurityStamp != claims.SecurityStamp || user.HasEnded(claims.SessionId))
            return Api.Problem(InvalidToken);

        var allowed = who switch
        {
            Who.SignedIn => true,
            Who.Staff => user.IsStaff,
            Who.Admin => user.Role == Role.Admin,
            _ => false,
        };
        if (!allowed) return Api.Problem(Error.Forbidden("Your role may not do this."));

        currentUser.SignIn(user);
        return null;
    }
}
