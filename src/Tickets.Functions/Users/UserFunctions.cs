using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Users;

namespace Tickets.Functions.Users;

/// <summary>Account administration.</summary>
public sealed class UserFunctions(UserAdministration administration)
{
    [Function("ListUsers")]
    [Access(Who.Admin)]
    [Accepts(Query = typeof(UserListParameters))]
    [Returns(200, typeof(Page<UserView>))]
    [Description("Accounts by last and first names, filtered and paged by keyset.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users")] HttpRequest request, CancellationToken cancellationToken)
    {
        var q = request.QueryAs<UserListParameters>();
        var page = await administration.ListAsync(q.Role, q.Active, q.Department, q.Search, q.Limit, q.Cursor, q.IncludeTotal, cancellationToken);
        return Api.From(page, Api.Ok);
    }

    [Function("CreateUser")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(CreateUserRequest))]
    [Returns(201, typeof(UserView), Headers = ResponseHeaders.Location)]
    [Fails(ErrorKind.Conflict)]
    [Description("Creates an account with any role (staff accounts are made here). Without a password it is an invitation: the "
        + "person is e-mailed a single-use link to choose one, valid Tickets:PasswordReset:InvitationLifetime (7 days).")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CreateUserRequest>(cancellationToken, async input =>
            Api.From(await administration.CreateAsync(input, cancellationToken), user => Api.Created($"/api/users/{user.Id}", user.ToView())));

    [Function("GetUser")]
    [Access(Who.Admin)]
    [Returns(200, typeof(UserView))]
    [Description("One account.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await administration.GetAsync(id, cancellationToken), user => Api.Ok(user.ToView()));

    [Function("UpdateUser")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(UpdateUserRequest))]
    [Returns(200, typeof(UserView))]
    [Fails(ErrorKind.Conflict)]
    [Description("Changes role, active state or profile; the last active admin cannot be demoted or deactivated (409).")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "users/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateUserRequest>(cancellationToken, async input =>
            Api.From(await administration.UpdateAsync(id, input, cancellationToken), user => Api.Ok(user.ToView())));

    [Function("ResendInvitation")]
    [Access(Who.Admin, Writes = true)]
    [Returns(200, typeof(UserView))]
    [Fails(ErrorKind.Conflict)]
    [Description("E-mails a fresh set-password link to an invited account whose owner has not chosen a password yet "
        + "(invitationPending); every earlier link of the account stops working. Audited as user.invitation_resent. An account "
        + "with a password, or deactivated, answers 409 with code invitation_not_pending.")]
    public async Task<IActionResult> ResendInvitation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{id}/invitation")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await administration.ResendInvitationAsync(id, cancellationToken), user => Api.Ok(user.ToView()));
}
