using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Functions.Identity;

public sealed class AuthFunctions(IdentityService identity, Registrations registrations, PasswordResets resets)
{
    [Function("Register")]
    [Access(Who.Anyone)]
    [Accepts(typeof(RegisterRequest))]
    [Returns(202, typeof(RegistrationAccepted))]
    [Returns(201, typeof(UserResponse), Headers = ResponseHeaders.Location)]
    [Fails(ErrorKind.Conflict, ErrorKind.TooManyRequests)]
    [Description("Registers an account with the role user. With Tickets:Registration:VerifyEmail (the default) every well-formed "
        + "request answers 202 {status: verification_sent}, whoever is registered, and the address is e-mailed a link to confirm "
        + "(POST /auth/register/confirm), or, if it has an account already, a note with a reset link. With verification off the "
        + "account is made at once (201), and a taken e-mail or DNI answers 409.")]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/register")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<RegisterRequest>(cancellationToken, async input =>
            Api.From(await registrations.RegisterAsync(input, cancellationToken), outcome => outcome.Created is { } user
                ? Api.Created("/api/me", new UserResponse(user.ToView()))
                : Api.Accepted(RegistrationAccepted.VerificationSent)));

    [Function("ConfirmRegistration")]
    [Access(Who.Anyone)]
    [Accepts(typeof(ConfirmRegistrationRequest))]
    [Returns(200, typeof(TokenResponse))]
    [Fails(ErrorKind.Conflict)]
    [Description("Makes the account of an e-mailed registration link and signs its owner in (the answer of a sign-in). The link "
        + "works once, for Tickets:Registration:LinkLifetime (24 h); an expired, used or replaced one answers 400 with code "
        + "invalid_registration_link, and an e-mail or DNI taken since answers 409.")]
    public Task<IActionResult> ConfirmRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/register/confirm")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<ConfirmRegistrationRequest>(cancellationToken, async input =>
            Api.From(await registrations.ConfirmAsync(input, cancellationToken), Api.Ok));

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
    [Description("New tokens for a refresh token, which is spent. Presented again within Tickets:Jwt:RefreshReuseLeeway (10 s) "
        + "of its first use it answers the same new pair (two tabs, a retry); later, re-using a spent one ends its whole session.")]
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
    [Description("E-mails a single-use link to choose a new password, valid Tickets:PasswordReset:Lifetime (30 min); a newer link "
        + "ends the older ones. The answer, and the work done before it, are the same whether or not an account has the address "
        + "(the lookup happens after answering); asking too often for one address, or from one client, answers 429.")]
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
