using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Functions.Http;
using Tickets.Users;

namespace Tickets.Functions.Users;

/// <summary>Finding colleagues: the completion behind <c>@name</c> in a comment.</summary>
public sealed class StaffFunctions(StaffDirectory directory)
{
    [Function("ListStaff")]
    [Access(Who.Staff)]
    [Accepts(Query = typeof(StaffParameters))]
    [Returns(200, typeof(StaffCompletion))]
    [Description("Completion for mentions: active technicians and admins whose first or last names start with q (ignoring case and accents), by last names; at most 20.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.From(await directory.SearchAsync(request.QueryAs<StaffParameters>().Q, cancellationToken), Api.Ok);
}
