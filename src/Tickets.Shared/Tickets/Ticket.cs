using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Tickets.History;
using static Tickets.Tickets.TicketStatus;

namespace Tickets.Tickets;

/// <summary>
/// The ticket aggregate. Always valid: every change goes through a method that checks the caller's right, the
/// status machine and the field limits, and returns the new state with the history it writes — or fails loudly.
/// </summary>
public sealed record Ticket
{
    public required string Id { get; init; }

    public required long Number { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required Priority Priority { get; init; }

    public string? Category { get; init; }

    public required TicketStatus Status { get; init; }

    public required Requester Requester { get; init; }

    public Assignee? Assignee { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FirstResponseAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Public comments (internal notes are not counted, so users learn nothing about them).</summary>
    public int CommentCount { get; init; }

    public required SlaState Sla { get; init; }

    /// <summary>Soft delete: kept for audit, invisible to everyone.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Counts changes; orders history within the ticket.</summary>
    public long Revision { get; init; }

    /// <summary>Assigned by the store on every write; the HTTP ETag.</summary>
    [JsonIgnore]
    public string ETag { get; init; } = "";

    [JsonIgnore]
    public string DisplayNumber => FormatNumber(Number);

    [JsonIgnore]
    public bool IsWorkOpen => Status is Open or InProgress or OnHold;

    public static string FormatNumber(long number) => "TCK-" + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>"TCK-000123" (any case) → 123.</summary>
    public static bool TryParseNumber(string text, out long number)
    {
        number = 0;
        return text.Length > 4 && text.StartsWith("TCK-", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }

    /// <summary>Users see their own tickets, staff see all; nobody sees a deleted one.</summary>
    public bool IsVisibleTo(Actor actor) => DeletedAt is null && (actor.IsStaff || Requester.Id == actor.Id);

    public IReadOnlyList<AllowedTransition> TransitionsFor(Actor actor) => StatusMachine.AllowedFor(this, actor);

    /// <summary>Everything the caller may do now; the ticket's methods below refuse exactly what this leaves out.</summary>
    public TicketActions ActionsFor(Actor actor) => TicketPermissions.For(this, actor);

    /// <summary>A new ticket; with <paramref name="autoAssignee"/> it is assigned by the system in the same write.</summary>
    public static Result<TicketChange> Create(
        string id, long number, CreateTicketRequest request, Actor requester, TicketRules rules, DateTimeOffset now,
        (Assignee Assignee, AssignmentReason Reason)? autoAssignee = null)
    {
        if (request.Validate(rules).ToError() is { } invalid) return invalid;

        var priority = request.PriorityValue ?? Priority.Medium;
        var ticket = new Ticket
        {
            Id = id,
            Number = number,
            Title = request.Title!.Trim(),
            Description = request.Description!.Trim(),
            Priority = priority,
            Category = rules.NormalizeCategory(request.Category),
            Status = Open,
            Requester = new Requester(requester.Id, requester.Name, requester.Department),
            CreatedAt = now,
            UpdatedAt = now,
            Sla = rules.Sla.Start(priority, now),
            Revision = 1,
        };

        var history = new Recorder(ticket.Id, requester, now)
            .Add(TicketEventType.Created, new TicketCreatedData(ticket.DisplayNumber, ticket.Title, ticket.Priority, ticket.Category))
            .Add(TicketEventType.SlaStarted, new SlaStartedData(ticket.Sla.Policy, ticket.Sla.FirstResponseDueAt, ticket.Sla.ResolutionDueAt));
        if (autoAssignee is var (assignee, reason))
        {
            ticket = ticket with { Assignee = assignee };
            history.Add(TicketEventType.Assigned, new AssignedData(null, assignee, reason), bySystem: true);
        }

        return history.Build(ticket);
    }

    /// <summary>
    /// Title, description, category: admin, or the requester while open and unassigned. Priority: those and the assignee.
    /// </summary>
    public Result<TicketChange> Edit(Actor actor, UpdateTicketRequest request, TicketRules rules, DateTimeOffset now)
    {
        var changesContent = request.Title is not null || request.Description is not null || request.Category is not null;
        if (changesContent ? !TicketPermissions.MayEdit(this, actor) : !TicketPermissions.MayChangePriority(this, actor))
            return Error.Forbidden("Requesters edit a ticket only while it is open and unassigned; assignees change its priority; admins anything.");

        if (request.Validate(rules).ToError() is { } invalid) return invalid;

        var history = new Recorder(Id, actor, now);
        var next = this;
        var changes = new FieldChanges();
        if (request.Title?.Trim() is { } title && title != Title)
        {
            changes = changes with { Title = new(Title, title) };
            next = next with { Title = title };
        }

        if (request.Description?.Trim() is { } description && description != Description)
        {
            changes = changes with { Description = new(Description, description) };
            next = next with { Description = description };
        }

        if (request.Category is not null && rules.NormalizeCategory(request.Category) is var category && category != Category)
        {
            changes = changes with { Category = new(Category, category) };
            next = next with { Category = category };
        }

        if (changes.Any) history.Add(TicketEventType.Updated, new TicketUpdatedData(changes));

        if (request.PriorityValue is { } priority && priority != Priority)
        {
            var sla = rules.Sla.Reprioritise(Sla, Priority, priority);
            history.Add(TicketEventType.PriorityChanged, new PriorityChangedData(Priority, priority, sla.FirstResponseDueAt, sla.ResolutionDueAt));
            next = next with { Priority = priority, Sla = sla };
        }

        return history.IsEmpty ? new TicketChange(this, []) : history.Build(next.Touch(now));
    }

    /// <summary>Soft delete: the requester while open and unassigned, or an admin.</summary>
    public Result<TicketChange> Delete(Actor actor, DateTimeOffset now)
    {
        if (!TicketPermissions.MayDelete(this, actor))
            return Error.Forbidden("Only admins, or the requester while the ticket is open and unassigned, may delete it.");

        return new Recorder(Id, actor, now)
            .Add(TicketEventType.Deleted, new TicketDeletedData(DisplayNumber, Status))
            .Build(Touch(now) with { DeletedAt = now });
    }

    /// <summary>Admins assign anyone (validated as active staff by the caller) or unassign; technicians take an unassigned ticket.</summary>
    public Result<TicketChange> Assign(Actor actor, Assignee? assignee, DateTimeOffset now)
    {
        var takesUnassigned = TicketPermissions.MayTake(this, actor) && assignee?.Id == actor.Id;
        if (!TicketPermissions.MayAssign(actor) && !takesUnassigned)
            return Error.Forbidden("Admins assign tickets; technicians may take an unassigned ticket for themselves.");
        if (!TicketPermissions.IsAssignable(this))
            return Error.Conflict("ticket_closed", "A closed ticket cannot be assigned; reopen it first.");
        if (assignee?.Id == Assignee?.Id)
            return new TicketChange(this, []);

        return new Recorder(Id, actor, now)
            .Add(TicketEventType.Assigned, new AssignedData(Assignee, assignee, takesUnassigned && !actor.IsAdmin ? AssignmentReason.Taken : AssignmentReason.Manual))
            .Build(Touch(now) with { Assignee = assignee });
    }

    public Result<TicketChange> ChangeStatus(Actor actor, TicketStatus to, string? note, DateTimeOffset now)
    {
        switch (StatusMachine.Judge(this, actor, to))
        {
            case TransitionVerdict.Illegal:
                return TransitionRefused(actor, ErrorKind.Conflict, "transition_not_allowed",
                    $"A ticket cannot go from {Json.EnumName(Status)} to {Json.EnumName(to)}.");
            case TransitionVerdict.NotPermitted:
                return TransitionRefused(actor, ErrorKind.Forbidden, "forbidden",
                    $"Your role on this ticket may not move it from {Json.EnumName(Status)} to {Json.EnumName(to)}.");
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (StatusMachine.Find(Status, to)!.RequiresNote && note is null)
            return Error.Field("note", $"A note is required to move a ticket to {Json.EnumName(to)}.");
        if (note?.Length > Comment.BodyMax)
            return Error.Field("note", $"Must be at most {Comment.BodyMax} characters.");

        var history = new Recorder(Id, actor, now);
        return history.Build(Touch(now).MoveTo(to, note, reason: null, actor, now, history));
    }

    /// <summary>
    /// Adds a comment. Internal notes are staff only. A public staff comment may be the first response; a public
    /// comment by the requester resumes a ticket on hold.
    /// </summary>
    public Result<TicketChange> AddComment(Actor actor, string commentId, CommentRequest request, DateTimeOffset now)
    {
        var isInternal = request.Internal == true;
        if (isInternal && !actor.IsStaff) return Error.Forbidden("Only technicians and admins write internal notes.");
        if (!TicketPermissions.MayComment(this, actor))
            return Error.Conflict("ticket_closed", "A closed ticket takes no more comments; an admin may reopen it.");
        if (request.Validate().ToError() is { } invalid) return invalid;

        var comment = new Comment(commentId, Id, new CommentAuthor(actor.Id, actor.Name, actor.Role), request.Body!.Trim(), isInternal, now);
        var history = new Recorder(Id, actor, now)
            .Add(TicketEventType.Commented, new CommentedData(commentId, isInternal), isInternal);
        var next = Touch(now) with { CommentCount = isInternal ? CommentCount : CommentCount + 1 };
        if (!isInternal) next = next.RespondIfFirst(actor, now, history);
        if (!isInternal && Status == OnHold && actor.Id == Requester.Id)
            next = next.MoveTo(InProgress, note: null, reason: "requester_commented", actor, now, history);
        return history.Build(next, comment: comment);
    }

    private Ticket Touch(DateTimeOffset now) => this with { UpdatedAt = now, Revision = Revision + 1 };

    private Ticket MoveTo(TicketStatus to, string? note, string? reason, Actor actor, DateTimeOffset now, Recorder history)
    {
        history.Add(TicketEventType.StatusChanged, new StatusChangedData(Status, to, note, reason));
        var next = this with { Status = to };
        if (Status == OnHold) next = next.ResumeClock(now, history);
        if (to == OnHold)
        {
            next = next with { Sla = next.Sla with { PausedAt = now } };
            history.Add(TicketEventType.SlaPaused, new SlaPausedData("on_hold"));
        }

        next = to switch
        {
            Resolved => next.ResolveClock(now, history) with { ResolvedAt = now },
            Closed => next with { ClosedAt = now },
            Open => next with { ClosedAt = null, ResolvedAt = null },
            InProgress when Status == Resolved => next with { ResolvedAt = null },
            _ => next,
        };
        return next.RespondIfFirst(actor, now, history);
    }

    /// <summary>Time on hold does not count: the running targets move by the paused time.</summary>
    private Ticket ResumeClock(DateTimeOffset now, Recorder history)
    {
        if (Sla.PausedAt is not { } pausedAt) return this;
        var paused = now - pausedAt;
        history.Add(TicketEventType.SlaResumed, new SlaResumedData((long)paused.TotalMinutes));
        return this with
        {
            Sla = Sla with
            {
                FirstResponseDueAt = FirstResponseAt is null ? Sla.FirstResponseDueAt + paused : Sla.FirstResponseDueAt,
                ResolutionDueAt = Sla.ResolutionDueAt + paused,
                PausedAt = null,
            },
        };
    }

    private Ticket ResolveClock(DateTimeOffset now, Recorder history)
    {
        if (now <= Sla.ResolutionDueAt)
        {
            history.Add(TicketEventType.SlaMet, new SlaMetData(SlaObjective.Resolution, Sla.ResolutionDueAt));
            return this;
        }

        if (Sla.ResolutionBreached) return this;
        history.Add(TicketEventType.SlaBreached, new SlaBreachedData(SlaObjective.Resolution, Sla.ResolutionDueAt));
        return this with { Sla = Sla with { ResolutionBreached = true } };
    }

    /// <summary>The first public comment or status change by staff (other than the requester) is the first response.</summary>
    private Ticket RespondIfFirst(Actor actor, DateTimeOffset now, Recorder history)
    {
        if (FirstResponseAt is not null || !actor.IsStaff || actor.Id == Requester.Id) return this;

        var dueAt = Sla.FirstResponseDueAt + (Sla.PausedAt is { } pausedAt ? now - pausedAt : TimeSpan.Zero);
        var next = this with { FirstResponseAt = now };
        if (now <= dueAt)
        {
            history.Add(TicketEventType.SlaMet, new SlaMetData(SlaObjective.FirstResponse, dueAt));
            return next;
        }

        if (Sla.FirstResponseBreached) return next;
        history.Add(TicketEventType.SlaBreached, new SlaBreachedData(SlaObjective.FirstResponse, dueAt));
        return next with { Sla = Sla with { FirstResponseBreached = true } };
    }

    private Error TransitionRefused(Actor actor, ErrorKind kind, string code, string detail) =>
        new(kind, code, kind == ErrorKind.Conflict ? "Conflict." : "Forbidden.", detail)
        {
            Extensions = new Dictionary<string, object?> { ["current"] = Status, ["allowed"] = TransitionsFor(actor) },
        };

    /// <summary>Collects the events of one change and numbers them after the new revision.</summary>
    private sealed class Recorder(string ticketId, Actor actor, DateTimeOffset now)
    {
        private readonly List<(TicketEventType Type, object Data, bool Internal, bool BySystem)> _events = [];

        public bool IsEmpty => _events.Count == 0;

        public Recorder Add(TicketEventType type, object data, bool isInternal = false, bool bySystem = false)
        {
            _events.Add((type, data, isInternal, bySystem));
            return this;
        }

        public TicketChange Build(Ticket next, Comment? comment = null)
        {
            var who = new EventActor(actor.Id, actor.Name);
            var events = _events.Select((e, i) => new TicketEvent(
                    Guid.CreateVersion7(now).ToString("N"), ticketId, e.Type, e.BySystem ? null : who, now,
                    JsonSerializer.SerializeToElement(e.Data, Json.Options))
                {
                    Sequence = (next.Revision * 100) + i,
                    Internal = e.Internal,
                })
                .ToList();
            return new TicketChange(next, events, comment is null ? null : comment with { Sequence = next.Revision * 100 });
        }
    }
}
