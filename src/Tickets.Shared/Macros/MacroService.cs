using Microsoft.Extensions.Logging;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Macros;

/// <summary>
/// The macro routes, as the signed-in staff member (the routes let only staff in). A personal macro is its owner's alone:
/// to anyone else it does not exist (404). A shared one every staff member reads and applies; only admins make, change or
/// delete it (403). Applying one is a change to the ticket through <see cref="TicketService.ApplyMacroAsync"/>.
/// </summary>
public sealed partial class MacroService(IMacroStore store, TicketService tickets, IUserStore users, CurrentUser me, TimeProvider time, ILogger<MacroService> logger)
{
    public Task<IReadOnlyList<Macro>> ListAsync(CancellationToken cancellationToken) => store.ListVisibleAsync(me.Id, cancellationToken);

    public async Task<Result<Macro>> GetAsync(string id, CancellationToken cancellationToken) =>
        Ids.IsWellFormed(id) && await store.FindAsync(id, cancellationToken) is { } macro && macro.IsVisibleTo(me.Id) ? macro : Error.NotFound("macro");

    public async Task<Result<Macro>> CreateAsync(CreateMacroRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;
        if (request.Shared == true && !me.IsAdmin) return Error.Forbidden("Only admins make shared macros; make it personal.");

        var now = time.GetUtcNow();
        var created = await store.CreateAsync(new Macro
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Name = request.Name!.Trim(),
            Body = request.Body!.Trim(),
            Internal = request.Internal == true,
            SetStatus = request.SetStatusValue,
            SetPriority = request.SetPriorityValue,
            Shared = request.Shared == true,
            OwnerId = me.Id,
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken);
        LogChanged(logger, created.Id, "created", me.Id);
        return created;
    }

    public async Task<Result<Macro>> UpdateAsync(string id, UpdateMacroRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;
        if (request.Shared == true && !me.IsAdmin) return Error.Forbidden("Only admins make shared macros.");

        return await WriteAsync(id, ifMatch, async current =>
        {
            var next = current with
            {
                Name = request.Name?.Trim() ?? current.Name,
                Body = request.Body?.Trim() ?? current.Body,
                Internal = request.Internal ?? current.Internal,
                SetStatus = request.SetStatus is null ? current.SetStatus : MacroRules.Parse<TicketStatus>(request.SetStatus),
                SetPriority = request.SetPriority is null ? current.SetPriority : MacroRules.Parse<Priority>(request.SetPriority),
                Shared = request.Shared ?? current.Shared,
            };
            if (next == current) return current;

            var saved = await store.SaveAsync(next with { UpdatedAt = time.GetUtcNow() }, current.ETag, cancellationToken);
            if (saved is not null) LogChanged(logger, saved.Id, "changed", me.Id);
            return saved;
        }, cancellationToken);
    }

    public async Task<Result> DeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var deleted = await WriteAsync(id, ifMatch, async current =>
        {
            if (!await store.DeleteAsync(current.Id, current.ETag, cancellationToken)) return (Macro?)null;
            LogChanged(logger, current.Id, "deleted", me.Id);
            return current;
        }, cancellationToken);
        return deleted.IsSuccess ? Result.Success : deleted.Error!;
    }

    /// <summary>
    /// Applies a macro the caller sees to a ticket the caller sees: its body with the placeholders filled in becomes the
    /// comment (internal per the macro), with its status and priority, in one change under the ticket's own rules.
    /// </summary>
    /// <param name="commentId">The reply's id when a retry may already have written it (an Idempotency-Key's); null: a new one.</param>
    public async Task<Result<Ticket>> ApplyAsync(string ticketIdOrNumber, string macroId, string? commentId, string? ifMatch, CancellationToken cancellationToken)
    {
        var found = await GetAsync(macroId, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var macro = found.Value;
        var agent = me.User;

        var applied = await tickets.ApplyMacroAsync(ticketIdOrNumber, async (ticket, ct) =>
        {
            var requester = await users.FindByIdAsync(ticket.Requester.Id, ct);
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MacroPlaceholders.RequesterFirstNames] = requester?.FirstNames ?? ticket.Requester.Name,
                [MacroPlaceholders.RequesterLastNames] = requester?.LastNames ?? "",
                [MacroPlaceholders.TicketNumber] = ticket.DisplayNumber,
                [MacroPlaceholders.TicketTitle] = ticket.Title,
                [MacroPlaceholders.AgentFirstNames] = agent.FirstNames,
            };
            return new CommentRequest(MacroPlaceholders.Fill(macro.Body, values), macro.Internal,
                macro.SetStatus is { } status ? Json.EnumName(status) : null);
        }, macro.SetPriority, commentId, ifMatch, cancellationToken);
        if (!applied.IsSuccess) return applied.Error!;

        LogApplied(logger, macro.Id, applied.Value.Ticket.Id, me.Id);
        return applied.Value.Ticket;
    }

    /// <summary>Read, check the caller may change it, change it under its ETag; a concurrent change is re-read (or 412 with If-Match).</summary>
    private async Task<Result<Macro>> WriteAsync(string id, string? ifMatch, Func<Macro, Task<Macro?>> change, CancellationToken cancellationToken)
    {
        var conditional = ifMatch is not null && ifMatch != "*";
        for (var attempt = 1; ; attempt++)
        {
            var found = await GetAsync(id, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            if (found.Value.Shared && !me.IsAdmin) return Error.Forbidden("Only admins change shared macros.");
            if (conditional && found.Value.ETag != ifMatch) return StaleETag;

            if (await change(found.Value) is { } done) return done;
            if (conditional) return StaleETag;
            if (attempt == Contention.MaxAttempts) return Contention.Busy("macro");
            await Contention.BackOffAsync(attempt, time, cancellationToken);
        }
    }

    private static Error StaleETag => Error.PreconditionFailed("The macro changed since you read it (If-Match no longer matches): read it again.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Macro {MacroId} {Change} by {UserId}")]
    private static partial void LogChanged(ILogger logger, string macroId, string change, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Macro {MacroId} applied to ticket {TicketId} by {UserId}")]
    private static partial void LogApplied(ILogger logger, string macroId, string ticketId, string userId);
}
