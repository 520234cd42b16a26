using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Functions.Http;
using Tickets.Users;

namespace Tickets.Functions.Users;

/// <summary>Account administration.</summary>
public sealed class UserFunctions(UserAdministration administration)
{
    [Function("ListUsers")]
    [Access(Who.Admin)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users")] HttpRequest request, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var page = await administration.ListAsync(q["role"], q["active"], q["department"], q["q"], q["limit"], q["cursor"], q["includeTotal"], cancellationToken);
        return Api.From(page, Api.Ok);
    }

    [Function("CreateUser")]
    [Access(Who.Admin)]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CreateUserRequest>(cancellationToken, async input =>
            Api.From(await administration.CreateAsync(input, cancellationToken), user => Api.Created($"/api/users/{user.Id}", user.ToView())));

    [Function("GetUser")]
    [Access(Who.Admin)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await administration.GetAsync(id, cancellationToken), user => Api.Ok(user.ToView()));

    [Function("UpdateUser")]
    [Access(Who.Admin)]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "users/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateUserRequest>(cancellationToken, async input =>
            Api.From(await administration.UpdateAsync(id, input, cancellationToken), user => Api.Ok(user.ToView())));
}
