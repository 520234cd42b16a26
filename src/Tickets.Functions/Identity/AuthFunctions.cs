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
    public async Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/register")] HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await request.ReadJsonAsync<RegisterRequest>(cancellationToken);
        if (!input.IsSuccess) return Api.Problem(input.Error!);
        var created = await identity.RegisterAsync(input.Value, cancellationToken);
        return Api.From(created, user => Api.Created("/api/me", new { user = user.ToView() }));
    }

    [Function("Login")]
    [Access(Who.Anyone)]
    public async Task<IActionResult> Login(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await request.ReadJsonAsync<LoginRequest>(cancellationToken);
        if (!input.IsSuccess) return Api.Problem(input.Error!);
        return Api.From(await identity.LoginAsync(input.Value, cancellationToken), Api.Ok);
    }

    [Function("Refresh")]
    [Access(Who.Anyone)]
    public async Task<IActionResult> Refresh(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/refresh")] HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await request.ReadJsonAsync<RefreshRequest>(cancellationToken);
        if (!input.IsSuccess) return Api.Problem(input.Error!);
        return Api.From(await identity.RefreshAsync(input.Value, cancellationToken), Api.Ok);
    }

    [Function("Logout")]
    [Access(Who.Anyone)]
    public async Task<IActionResult> Logout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await request.ReadJsonAsync<RefreshRequest>(cancellationToken);
        if (!input.IsSuccess) return Api.Problem(input.Error!);
        await identity.LogoutAsync(input.Value, cancellationToken);
        return Api.NoContent();
    }
}
