using Microsoft.Extensions.Logging;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Tickets;

namespace Tickets.SavedViews;

/// <summary>
/// What staff do with saved views. A personal view is its owner's alone (another person gets a 404, as if it did not
/// exist); a shared one every staff member sees and only admins save, change or delete (403 for a technician).
/// </summary>
public sealed partial class SavedViewService(ISavedViewStore store, CurrentUser me, SignedCursors cursors, TimeProvider time, ILogger<SavedViewService> logger)
{
    public const int NameMax = 60;

    /// <summary>How many personal views one person may keep.</summary>
    public const int PersonalLimit = 50;

    public async Task<SavedViewList> ListAsync(CancellationToken cancellationToken) =>
        new(await store.ListVisibleAsync(me.Id, cancellationToken));

    public async Task<Result<SavedView>> CreateAsync(CreateSavedViewRequest request, CancellationToken cancellationToken)
    {
        var v = new Validator().Text("name", request.Name, 1, NameMax);
        var query = Check(v, request.Query);
        if (v.ToError() is { } invalid) return invalid;
        var shared = request.Shared == true;
        if (shared && !me.IsAdmin) return Error.Forbidden("Only admins save shared views.");

        var view = new SavedView(Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), request.Name!.Trim(), query!, shared, me.Id);
        if (!await store.AddAsync(view, PersonalLimit, cancellationToken))
            return Error.Conflict("too_many_views", $"You already have {PersonalLimit} personal views: delete one first.");
        LogSaved(logger, view.Id, me.Id, shared);
        return view;
    }

    public async Task<Result<SavedView>> UpdateAsync(string id, UpdateSavedViewRequest request, CancellationToken cancellationToken)
    {
        var found = await ChangeableAsync(id, cancellationToken);
        if (!found.IsSuccess) return found.Error!;

        var v = new Validator().Text("name", request.Name, 1, NameMax, required: false);
        var query = request.Query is null ? found.Value.Query : Check(v, request.Query);
        if (v.ToError() is { } invalid) return invalid;

        var next = found.Value with { Name = request.Name?.Trim() ?? found.Value.Name, Query = query! };
        if (next == found.Value) return next;
        return await store.ReplaceAsync(next, cancellationToken) ? next : Error.NotFound("view");
    }

    public async Task<Result> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var found = await ChangeableAsync(id, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        return await store.DeleteAsync(id, cancellationToken) ? Result.Success : Error.NotFound("view");
    }

    /// <summary>A view the caller sees (404 otherwise) and may change (403 for a shared view and a technician).</summary>
    private async Task<Result<SavedView>> ChangeableAsync(string id, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(id) || await store.FindAsync(id, cancellationToken) is not { } view || (!view.Shared && view.OwnerId != me.Id))
            return Error.NotFound("view");
        if (view.Shared && !me.IsAdmin) return Error.Forbidden("Only admins change shared views.");
        return view;
    }

    /// <summary>
    /// The query as the list itself would read it for the caller (so <c>assigneeId=me</c> and <c>teamId=mine</c> are
    /// valid and resolve for whoever opens the view); a missing query is a 400 naming it, an invalid one too.
    /// </summary>
    private string? Check(Validator v, string? query)
    {
        if (query is null)
        {
            v.Add(SavedViewQuery.Field, FieldCodes.Required, "Is required (it may be empty: every ticket).");
            return null;
        }

        v.Characters(SavedViewQuery.Field, query);
        if (v.Has(SavedViewQuery.Field)) return null;
        var read = SavedViewQuery.Read(v, query);
        if (read is null) return null;
        var parsed = read.Value.Parameters.Parse(me.User, cursors, $"views:{me.Id}", time.GetUtcNow(), myTeams: []);
        if (parsed.IsSuccess) return read.Value.Text;
        SavedViewQuery.AddListErrors(v, parsed.Error!);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved view {ViewId} created by {UserId} (shared: {Shared})")]
    private static partial void LogSaved(ILogger logger, string viewId, string userId, bool shared);
}
