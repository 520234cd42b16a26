using System.Text.Json.Serialization;
using Tickets.Common;

namespace Tickets.Identity;

/// <summary>The body of <c>POST /auth/password/forgot</c>.</summary>
public sealed record ForgotPasswordRequest(string? Email)
{
    public Validator Validate() => new Validator().Email("email", Email);
}

/// <summary>The body of <c>POST /auth/password/reset</c>: the secret from the e-mailed link and the new password.</summary>
public sealed record ResetPasswordRequest(string? Token, string? NewPassword)
{
    public Validator Validate()
    {
        var v = new Validator().Text("token", Token, 1, 200);
        v.Password("newPassword", NewPassword);
        return v;
    }
}

/// <summary>
/// The <c>account-emails</c> queue message, one of: <paramref name="TokenId"/> alone, a set-password link to e-mail (never
/// its secret; see <see cref="PasswordTokenSecrets"/>); <paramref name="Forgotten"/>, an accepted "forgot my password" for
/// this normalised address, still to be looked up, whose link, if any, will be <paramref name="TokenId"/>;
/// <paramref name="Registration"/>, a registration waiting for its e-mail (its id, never its link's secret).
/// </summary>
public sealed record AccountEmailMessage(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Forgotten = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Registration = null);
