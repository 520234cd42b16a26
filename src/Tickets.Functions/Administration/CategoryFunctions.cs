using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Administration.Categories;
using Tickets.Common;
using Tickets.Functions.Http;

namespace Tickets.Functions.Administration;

/// <summary>Categories: everyone signed in lists the active ones; admins manage them; every change is in the admin audit log.</summary>
public sealed class CategoryFunctions(CategoryAdministration categories)
{
    [Function("ListCategories")]
    [Access(Who.SignedIn)]
    [Accepts(Query = typeof(CategoryListParameters))]
    [Returns(200, typeof(CategoryList))]
    [Fails(ErrorKind.Forbidden)]
    [Description("The active categories in order (what a new ticket may have); admins may ask for inactive ones too (all=true).")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "categories")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.From(await categories.ListAsync(request.QueryAs<CategoryListParameters>().All, cancellationToken), Api.Ok);

    [Function("CreateCategory")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(CreateCategoryRequest))]
    [Returns(201, typeof(CategoryView), Headers = ResponseHeaders.Location | ResponseHeaders.ETag)]
    [Fails(ErrorKind.Conflict)]
    [Description("Creates a category with its slug id (409 if taken), optionally routed to a team and an SLA policy. Audited (category.created).")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "categories")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CreateCategoryRequest>(cancellationToken, async input =>
            Api.From(await categories.CreateAsync(input, cancellationToken),
                category => Api.Created($"/api/categories/{category.Id}", category.ToView(), Preconditions.Quote(category.ETag))));

    [Function("GetCategory")]
    [Access(Who.SignedIn)]
    [Returns(200, typeof(CategoryView), Headers = ResponseHeaders.ETag)]
    [Description("One category, active or not (old tickets keep a deactivated one).")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "categories/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await categories.GetAsync(id, cancellationToken), category => Api.Ok(category.ToView(), category.ETag));

    [Function("UpdateCategory")]
    [Access(Who.Admin, Writes = true)]
    [Accepts(typeof(UpdateCategoryRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(CategoryView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.PreconditionFailed)]
    [Description("Renames, re-routes, reorders, deactivates or reactivates a category; absent fields stay, \"\" clears an optional one. "
        + "A deactivated category is refused for new tickets and stays on old ones. Audited (category.changed).")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "categories/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateCategoryRequest>(cancellationToken, async input =>
            Api.From(await categories.UpdateAsync(id, input, request.IfMatch(), cancellationToken), category => Api.Ok(category.ToView(), category.ETag)));
}
