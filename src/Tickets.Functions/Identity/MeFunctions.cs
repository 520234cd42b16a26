using System.ComponentModel;
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
    [Returns(200, typeof(UserResponse))]
    [Description("The caller's account.")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request) =>
        Api.Ok(new UserResponse(me.User.ToView()));

    [Function("UpdateMe")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(UpdateProfileRequest))]
    [Returns(200, typeof(UserResponse))]
    [Description("Changes the caller's profile; absent fields stay.")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "me")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateProfileRequest>(cancellationToken, async input =>
            Api.From(await identity.UpdateProfileAsync(me.Id, input, cancellationToken), user => Api.Ok(new UserResponse(user.ToView()))));

    [Function("ChangePassword")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(PasswordChangeRequest))]
    [Returns(204)]
    [Description("Changes the caller's password and ends every session of the account.")]
    public Task<IActionResult> ChangePassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/password")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<PasswordChangeRequest>(cancellationToken, async input =>
            Api.From(await identity.ChangePasswordAsync(me.Id, input, cancellationToken), Api.NoContent));
}
