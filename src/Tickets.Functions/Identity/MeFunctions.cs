using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Functions.Http;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Functions.Identity;

/// <summary>The caller's own account.</summary>
public sealed class MeFunctions(IdentityService identity, CurrentUser me)
{
    [Function("GetMe")]
    [Access(Who.SignedIn)]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request) =>
        Api.Ok(new { user = me.User.ToView() });

    [Function("UpdateMe")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await request.ReadJsonAsync<UpdateProfileRequest>(cancellationToken);
        if (!input.IsSuccess) return Api.Problem(input.Error!);
        var updated = await identity.UpdateProfileAsync(me.Id, input.Value, cancellationToken);
        return Api.From(updated, user => Api.Ok(new { user = user.ToView() }));
    }

    [Function("ChangePassword")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> ChangePassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/password")] HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await request.ReadJsonAsync<PasswordChangeRequest>(cancellationToken);
        if (!input.IsSuccess) return Api.Problem(input.Error!);
        return Api.From(await identity.ChangePasswordAsync(me.Id, input.Value, cancellationToken), Api.NoContent);
    }
}
