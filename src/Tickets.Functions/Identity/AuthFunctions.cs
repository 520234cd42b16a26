using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Functions.Http;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Functions.Identity;

public sealed class AuthFunctions(IdentityService identity)
{
    [Function("Register")]
    [Access(Who.Anyone)]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/register")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<RegisterRequest>(cancellationToken, async input =>
            Api.From(await identity.RegisterAsync(input, cancellationToken), user => Api.Created("/api/me", new { user = user.ToView() })));

    [Function("Login")]
    [Access(Who.Anyone)]
    public Task<IActionResult> Login(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<LoginRequest>(cancellationToken, async input =>
            Api.From(await identity.LoginAsync(input, cancellationToken), Api.Ok));

    [Function("Refresh")]
    [Access(Who.Anyone)]
    public Task<IActionResult> Refresh(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/refresh")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<RefreshRequest>(cancellationToken, async input =>
            Api.From(await identity.RefreshAsync(input, cancellationToken), Api.Ok));

    [Function("Logout")]
    [Access(Who.Anyone)]
    public Task<IActionResult> Logout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<RefreshRequest>(cancellationToken, async input =>
        {
            await identity.LogoutAsync(input, cancellationToken);
            return Api.NoContent();
        });
}
