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

/// <summary>The <c>account-emails</c> queue message: which link to e-mail (never its secret; see <see cref="PasswordTokenSecrets"/>).</summary>
public sealed record AccountEmailMessage(string TokenId);
