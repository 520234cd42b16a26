using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Administration.Teams;
using Tickets.Common;
using Tickets.Functions.Http;

namespace Tickets.Functions.Administration;

/// <summary>Teams: staff read them, admins manage them; every change is in the admin audit log.</summary>
public sealed class TeamFunctions(TeamAdministration teams)
{
    [Function("ListTeams")]
    [Access(Who.Staff)]
    [Returns(200, typeof(TeamList))]
    [Description("Every team, by name, with its members and assignment mode.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "teams")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.Ok(await teams.ListAsync(cancellationToken));

    [Function("CreateTeam")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(CreateTeamRequest))]
    [Returns(201, typeof(TeamView), Headers = ResponseHeaders.Location | ResponseHeaders.ETag)]
    [Description("Creates a team; members must be active technicians or admins. Audited (team.created).")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "teams")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CreateTeamRequest>(cancellationToken, async input =>
            Api.From(await teams.CreateAsync(input, cancellationToken),
                team => Api.Created($"/api/teams/{team.Id}", team.ToView(), Preconditions.Quote(team.ETag))));

    [Function("GetTeam")]
    [Access(Who.Staff)]
    [Returns(200, typeof(TeamView), Headers = ResponseHeaders.ETag)]
    [Description("One team.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "teams/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await teams.GetAsync(id, cancellationToken), team => Api.Ok(team.ToView(), team.ETag));

    [Function("UpdateTeam")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(UpdateTeamRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(TeamView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.PreconditionFailed)]
    [Description("Changes a team's name, description, assignment mode, members or active state; absent fields stay. Audited (team.changed).")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "teams/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateTeamRequest>(cancellationToken, async input =>
            Api.From(await teams.UpdateAsync(id, input, request.IfMatch(), cancellationToken), team => Api.Ok(team.ToView(), team.ETag)));

    [Function("DeleteTeam")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(Headers = RequestHeaders.IfMatch)]
    [Returns(204)]
    [Fails(ErrorKind.Conflict, ErrorKind.PreconditionFailed)]
    [Description("Deletes a team; 409 while it has open tickets or a category routes to it. Audited (team.deleted).")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "teams/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await teams.DeleteAsync(id, request.IfMatch(), cancellationToken), Api.NoContent);
}
