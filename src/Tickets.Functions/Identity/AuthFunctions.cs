using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Functions.Identity;

public sealed class AuthFunctions(IdentityService identity, PasswordResets resets)
{
    [Function("Register")]
    [Access(Who.Anyone)]
    [Accepts(typeof(RegisterRequest))]
    [Returns(201, typeof(UserResponse), Headers = ResponseHeaders.Location)]
    [Fails(ErrorKind.Conflict)]
    [Description("Creates an account with the role user.")]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/register")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<RegisterRequest>(cancellationToken, async input =>
            Api.From(await identity.RegisterAsync(input, cancellationToken), user => Api.Created("/api/me", new UserResponse(user.ToView()))));

    [Function("Login")]
    [Access(Who.Anyone)]
    [Accepts(typeof(LoginRequest))]
    [Returns(200, typeof(TokenResponse))]
    [Fails(ErrorKind.Unauthorized, ErrorKind.TooManyRequests)]
    [Description("Signs in: a short-lived access token and a refresh token. Repeated failures answer 429 with Retry-After.")]
    public Task<IActionResult> Login(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<LoginRequest>(cancellationToken, async input =>
            Api.From(await identity.LoginAsync(input, cancellationToken), Api.Ok));

    [Function("Refresh")]
    [Access(Who.Anyone)]
    [Accepts(typeof(RefreshRequest))]
    [Returns(200, typeof(TokenResponse))]
    [Fails(ErrorKind.Unauthorized)]
    [Description("New tokens for a refresh token, which is spent; re-using a spent one ends its whole session family.")]
    public Task<IActionResult> Refresh(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/refresh")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<RefreshRequest>(cancellationToken, async input =>
            Api.From(await identity.RefreshAsync(input, cancellationToken), Api.Ok));

    [Function("Logout")]
    [Access(Who.Anyone)]
    [Accepts(typeof(RefreshRequest))]
    [Returns(204)]
    [Description("Revokes the refresh token.")]
    public Task<IActionResult> Logout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<RefreshRequest>(cancellationToken, async input =>
        {
            await identity.LogoutAsync(input, cancellationToken);
            return Api.NoContent();
        });

    [Function("ForgotPassword")]
    [Access(Who.Anyone)]
    [Accepts(typeof(ForgotPasswordRequest))]
    [Returns(202)]
    [Fails(ErrorKind.TooManyRequests)]
    [Description("E-mails a single-use link to choose a new password, valid Tickets:PasswordReset:Lifetime (30 min). The answer is "
        + "the same whether or not an account has the address; asking too often for one address, or from one client, answers 429.")]
    public Task<IActionResult> ForgotPassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password/forgot")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<ForgotPasswordRequest>(cancellationToken, async input =>
            Api.From(await resets.ForgotAsync(input, cancellationToken), Api.Accepted));

    [Function("ResetPassword")]
    [Access(Who.Anyone)]
    [Accepts(typeof(ResetPasswordRequest))]
    [Returns(204)]
    [Fails(ErrorKind.TooManyRequests)]
    [Description("Sets a new password with the secret of an e-mailed link (forgot password or invitation). The link works once; "
        + "every session of the account ends. An expired, used or replaced link answers 400 with code invalid_password_link.")]
    public Task<IActionResult> ResetPassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password/reset")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<ResetPasswordRequest>(cancellationToken, async input =>
            Api.From(await resets.ResetAsync(input, cancellationToken), Api.NoContent));
}
