using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tickets.Attachments;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Tickets.History;
using static Tickets.Tickets.TicketStatus;

namespace Tickets.Tickets;

/// <summary>
/// The ticket aggregate. Always valid: every change goes through a method that checks the caller's right, the
/// status machine and the field limits, and returns the new state with the history it writes — or fails loudly.
/// </summary>
public sealed partial record Ticket
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

    /// <summary>The team working the ticket: its category's when it was opened, or where staff moved it; null for none.</summary>
    public TicketTeam? Team { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FirstResponseAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Public comments (internal notes are not counted, so users learn nothing about them).</summary>
    public int CommentCount { get; init; }

    public required SlaState Sla { get; init; }

    /// <summary>
    /// The files the ticket was opened with (a comment's files are on the comment). Held as a <see cref="ValueList{T}"/>
    /// so a ticket read back from a store equals the one written (an array in the API either way).
    /// </summary>
    public IReadOnlyList<Attachment> Attachments { get; init => field = ValueList.Of(value); } = ValueList<Attachment>.Empty;

    /// <summary>
    /// Staff-internal labels (<see cref="TicketTags"/>), stored normalised; a <see cref="ValueList{T}"/> like
    /// <see cref="Attachments"/>, so a ticket read back equals the one written.
    /// </summary>
    public IReadOnlyList<string> Tags { get; init => field = ValueList.Of(value); } = ValueList<string>.Empty;

    /// <summary>Colleagues the requester copied in: they read and comment on the public side and are told as the requester is.</summary>
    public IReadOnlyList<TicketPerson> Ccs { get; init => field = ValueList.Of(value); } = ValueList<TicketPerson>.Empty;

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

    /// <summary>Users see their own tickets and those they are copied on, staff see all; nobody sees a deleted one.</summary>
    public bool IsVisibleTo(Actor actor) => DeletedAt is null && (actor.IsStaff || IsOnRequesterSide(actor.Id));

    public IReadOnlyList<AllowedTransition> TransitionsFor(Actor actor) => StatusMachine.AllowedFor(this, actor);

    /// <summary>Everything the caller may do now; the ticket's methods below refuse exactly what this leaves out.</summary>
    public TicketActions ActionsFor(Actor actor) => TicketPermissions.For(this, actor);

    /// <summary>
    /// A new ticket, in <paramref name="team"/> (its category's); with <paramref name="autoAssignee"/> it is assigned by the
    /// system in the same write. <paramref name="uploads"/> are the files it is opened with, already claimed for it.
    /// </summary>
    public static Result<TicketChange> Create(
        string id, long number, CreateTicketRequest request, Actor requester, TicketRules rules, DateTimeOffset now,
        (Assignee Assignee, AssignmentReason Reason)? autoAssignee = null, TicketTeam? team = null, IReadOnlyList<Upload>? uploads = null,
        IReadOnlyList<TicketPerson>? ccs = null)
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
            Team = team,
            Status = Open,
            Requester = new Requester(requester.Id, requester.Name, requester.Department),
            CreatedAt = now,
            UpdatedAt = now,
            Sla = rules.Sla.Start(priority, now),
            Revision = 1,
        };
        var files = (uploads ?? []).Select(u => Attachment.Of(u, id, commentId: null, isInternal: false)).ToList();
        ticket = ticket with { Attachments = files, Ccs = ccs ?? [] };

        var history = new Recorder(ticket.Id, requester, now)
            .Add(TicketEventType.Created, new TicketCreatedData(ticket.DisplayNumber, ticket.Title, ticket.Priority, ticket.Category)
            {
                Team = team,
                Attachments = NamesOf(files),
                Channel = requester.ChannelMark,
            })
            .Add(TicketEventType.SlaStarted, new SlaStartedData(ticket.Sla.Policy, ticket.Sla.FirstResponseDueAt, ticket.Sla.ResolutionDueAt)
            {
                Calendar = ticket.Sla.Calendar,
                FirstResponseWarningAt = ticket.Sla.FirstResponseWarningAt,
                ResolutionWarningAt = ticket.Sla.ResolutionWarningAt,
            });
        if (ticket.Ccs.Count > 0) history.Add(TicketEventType.CcsChanged, new CcsChangedData(ticket.Ccs, []));
        if (autoAssignee is var (assignee, reason))
        {
            ticket = ticket with { Assignee = assignee };
            history.Add(TicketEventType.Assigned, new AssignedData(null, assignee, reason), bySystem: true);
        }

        return history.Build(ticket) with { Attachments = files };
    }

    /// <summary>What history names of the files a change attached; null (left out) for none.</summary>
    private static IReadOnlyList<AttachedFile>? NamesOf(IReadOnlyList<Attachment> files) =>
        files.Count == 0 ? null : files.Select(f => f.AsFile()).ToList();

    /// <summary>
    /// Title and description: admin, or the requester while open and unassigned. Priority and category (triage): those
    /// and the assignee.
    /// </summary>
    public Result<TicketChange> Edit(Actor actor, UpdateTicketRequest request, TicketRules rules, DateTimeOffset now)
    {
        var changesContent = request.Title is not null || request.Description is not null;
        var allowed = changesContent ? TicketPermissions.MayEdit(this, actor)
            : request.Category is not null ? TicketPermissions.MayChangeCategory(this, actor)
            : TicketPermissions.MayChangePriority(this, actor);
        if (!allowed)
            return Error.Forbidden("Requesters edit a ticket only while it is open and unassigned; assignees change its priority and category; admins anything.");

        if (request.Validate(rules, keep: Category).ToError() is { } invalid) return invalid;

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
            next = next.Reprioritise(priority, rules.Sla, history);

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
        // A take that lost the race to another technician says so (and who has it), so the caller can refresh.
        if (!TicketPermissions.MayAssign(actor) && actor.IsStaff && assignee?.Id == actor.Id && Assignee is { } taken && taken.Id != actor.Id)
            return new Error(ErrorKind.Forbidden, "already_assigned", "Forbidden.", $"{DisplayNumber} is already assigned to {taken.Name}.")
            {
                Extensions = new Dictionary<string, object?> { ["assignee"] = taken },
            };
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

    /// <summary>
    /// Staff move the ticket to another team (null: none), unless it is closed (reopen it first). The assignee stays: moving
    /// work between teams is not reassigning it.
    /// </summary>
    public Result<TicketChange> MoveToTeam(Actor actor, TicketTeam? team, DateTimeOffset now)
    {
        if (!TicketPermissions.MayChangeTeam(this, actor)) return Error.Forbidden("Technicians and admins move tickets between teams.");
        if (!TicketPermissions.IsAssignable(this))
            return Error.Conflict("ticket_closed", "A closed ticket cannot be moved to another team; reopen it first.");
        if (team?.Id == Team?.Id) return new TicketChange(this, []);

        return new Recorder(Id, actor, now)
            .Add(TicketEventType.TeamChanged, new TeamChangedData(Team, team))
            .Build(Touch(now) with { Team = team });
    }

    /// <summary>
    /// Staff replace the ticket's tags with <paramref name="tags"/> (already normalised by <see cref="SetTagsRequest"/>);
    /// history <c>tags_changed</c> with what was added and removed. A closed ticket may still be labelled.
    /// </summary>
    public Result<TicketChange> SetTags(Actor actor, IReadOnlyList<string> tags, DateTimeOffset now)
    {
        if (!TicketPermissions.MayTag(actor)) return Error.Forbidden("Technicians and admins tag tickets.");
        var added = tags.Except(Tags, StringComparer.Ordinal).ToList();
        var removed = Tags.Except(tags, StringComparer.Ordinal).ToList();
        if (added.Count == 0 && removed.Count == 0) return new TicketChange(this, []);

        return new Recorder(Id, actor, now)
            .Add(TicketEventType.TagsChanged, new TagsChangedData(added, removed))
            .Build(Touch(now) with { Tags = tags });
    }

    /// <param name="channel">How the move was asked for when not in the app (a resolution link), noted in the history.</param>
    public Result<TicketChange> ChangeStatus(Actor actor, TicketStatus to, string? note, TicketRules rules, DateTimeOffset now, string? channel = null)
    {
        if (RefusedMove(actor, to, field: null) is { } refused) return refused;

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (StatusMachine.Find(Status, to)!.RequiresNote && note is null)
            return Error.Field("note", FieldCodes.Required, $"A note is required to move a ticket to {Json.EnumName(to)}.");
        if (note?.Length > Comment.BodyMax)
            return Error.Field("note", FieldCodes.TooLong, $"Must be at most {Comment.BodyMax} characters.");

        var history = new Recorder(Id, actor, now);
        return history.Build(Touch(now).MoveTo(to, note, reason: null, actor, rules.Sla, now, history, channel: channel));
    }

    /// <summary>
    /// Adds a comment. Internal notes are staff only. A public staff comment may be the first response; a public
    /// comment by the requester resumes a ticket on hold.
    /// <para>
    /// With a status ("send and resolve") the comment also moves the ticket, in the same change and under the same rules
    /// as <see cref="ChangeStatus"/> (refusals name <c>status</c>). A public comment is the move's note: one
    /// <c>status_changed</c> event carries its body and id, and no <c>commented</c> event is written for it, so the
    /// requester hears of it once. An internal note moves the ticket without a note (its text never reaches the
    /// requester), so a move that needs one is refused.
    /// </para>
    /// </summary>
    /// <param name="uploads">The files the comment brings, already claimed for it; an internal note's are internal.</param>
    /// <param name="priority">
    /// Also this priority, in the same change (a canned response's), under the rules of <see cref="Edit"/>: recorded as
    /// <c>priority_changed</c> before the comment, so the reply is measured against the new targets.
    /// </param>
    /// <param name="mentioned">
    /// The active accounts named by <see cref="CommentRequest.Mentions"/>, as read by the caller. Only staff mention, and
    /// only people who can read the comment: staff, or — on a public comment — whoever the ticket is visible to.
    /// </param>
    public Result<TicketChange> AddComment(
        Actor actor, string commentId, CommentRequest request, TicketRules rules, DateTimeOffset now, IReadOnlyList<Upload>? uploads = null,
        Priority? priority = null, IReadOnlyList<Actor>? mentioned = null)
    {
        var isInternal = request.Internal == true;
        if (isInternal && !actor.IsStaff) return Error.Forbidden("Only technicians and admins write internal notes.");
        if (!TicketPermissions.MayComment(this, actor))
            return Error.Conflict("ticket_closed", "A closed ticket takes no more comments; an admin may reopen it.");
        if (request.Validate().ToError() is { } invalid) return invalid;
        if (RefusedMentions(actor, isInternal, mentioned ?? []) is { } refusedMention) return refusedMention;
        var move = request.StatusValue;
        if (move is { } to)
        {
            if (RefusedMove(actor, to, field: "status") is { } refused) return refused;
            if (isInternal && StatusMachine.Find(Status, to)!.RequiresNote)
                return Error.Field("status", FieldCodes.PublicNoteRequired,
                    $"Moving a ticket to {Json.EnumName(to)} needs a note the requester reads: send it as a public reply, not an internal note.");
        }

        if (priority == Priority) priority = null;
        if (priority is not null && !TicketPermissions.MayChangePriority(this, actor))
            return Error.Forbidden("Assignees and admins change a ticket's priority (the requester too, while it is open and unassigned).");

        var body = request.Body!.Trim();
        var files = (uploads ?? []).Select(u => Attachment.Of(u, Id, commentId, isInternal)).ToList();
        var comment = new Comment(commentId, Id, new CommentAuthor(actor.Id, actor.Name, actor.Role), body, isInternal, now)
        {
            Attachments = files,
            Channel = actor.ChannelMark,
            Mentions = (mentioned ?? []).Select(p => new TicketPerson(p.Id, p.Name)).ToList(),
        };
        var named = NamesOf(files);
        var history = new Recorder(Id, actor, now);
        var next = Touch(now) with { CommentCount = isInternal ? CommentCount : CommentCount + 1 };
        if (priority is { } reprioritised) next = next.Reprioritise(reprioritised, rules.Sla, history);
        if (move is { } target)
        {
            if (isInternal) history.Add(TicketEventType.Commented, new CommentedData(commentId, isInternal) { Attachments = named, Channel = actor.ChannelMark }, isInternal);
            next = next.MoveTo(target, isInternal ? null : body, reason: null, actor, rules.Sla, now, history, isInternal ? null : commentId,
                attachments: isInternal ? null : named);
            return history.Build(next, comment: comment) with { Attachments = files };
        }

        history.Add(TicketEventType.Commented, new CommentedData(commentId, isInternal) { Attachments = named, Channel = actor.ChannelMark }, isInternal);
        if (!isInternal) next = next.RespondIfFirst(actor, rules.Sla, now, history);
        // A CC's comment acts as the requester's: it too answers a ticket waiting on the requester's side.
        if (!isInternal && Status == OnHold && IsOnRequesterSide(actor.Id))
            next = next.MoveTo(InProgress, note: null, reason: "requester_commented", actor, rules.Sla, now, history);
        return history.Build(next, comment: comment) with { Attachments = files };
    }

    /// <summary>Why these people may not be mentioned in this comment, or null: a 400 naming <c>mentions</c>, whoever is refused.</summary>
    private Error? RefusedMentions(Actor actor, bool isInternal, IReadOnlyList<Actor> mentioned)
    {
        if (mentioned.Count == 0) return null;
        if (!actor.IsStaff) return Error.Field("mentions", FieldCodes.NotAllowed, "Only technicians and admins mention people.");
        if (mentioned.Count > Comment.MentionsMax)
            return Error.Field("mentions", FieldCodes.TooMany, $"At most {Comment.MentionsMax} people in one comment.");
        if (isInternal && mentioned.FirstOrDefault(p => !p.IsStaff) is { } outsider)
            return Error.Field("mentions", FieldCodes.NotStaff, $"{outsider.Name} cannot read internal notes: mention only technicians and admins in one.");
        if (mentioned.FirstOrDefault(p => !IsVisibleTo(p)) is { } stranger)
            return Error.Field("mentions", FieldCodes.NotAllowed, $"{stranger.Name} cannot see this ticket.");
        return null;
    }

    private Ticket Touch(DateTimeOffset now) => this with { UpdatedAt = now, Revision = Revision + 1 };

    private Ticket MoveTo(
        TicketStatus to, string? note, string? reason, Actor actor, SlaPolicy policy, DateTimeOffset now, Recorder history,
        string? commentId = null, string? channel = null, IReadOnlyList<AttachedFile>? attachments = null)
    {
        history.Add(TicketEventType.StatusChanged, new StatusChangedData(Status, to, note, reason)
        {
            CommentId = commentId,
            Channel = channel,
            Attachments = attachments,
        });
        var next = this with { Status = to };
        if (Status == OnHold) next = next.ResumeClock(policy, now, history);
        if (to == OnHold)
        {
            next = next with { Sla = next.Sla with { PausedAt = now } };
            history.Add(TicketEventType.SlaPaused, new SlaPausedData("on_hold"));
        }

        next = to switch
        {
            Resolved => next.ResolveClock(policy, now, history) with { ResolvedAt = now },
            Closed => next with { ClosedAt = now },
            Open when Status == Closed => next.RestartResolutionClock(policy, now, history) with { ClosedAt = null, ResolvedAt = null },
            InProgress when Status == Resolved => next.RestartResolutionClock(policy, now, history) with { ResolvedAt = null },
            _ => next,
        };
        return next.RespondIfFirst(actor, policy, now, history);
    }

    /// <summary>
    /// Time on hold does not count: the points of the running targets not yet reached when the pause began move by the
    /// time the pause counted on the ticket's calendar (business time on a business calendar: a night on hold moves nothing).
    /// </summary>
    private Ticket ResumeClock(SlaPolicy policy, DateTimeOffset now, Recorder history)
    {
        if (Sla.PausedAt is not { } pausedAt) return this;
        var sla = policy.Resume(Sla, now, firstResponseRunning: FirstResponseAt is null);
        history.Add(TicketEventType.SlaResumed, new SlaResumedData((long)policy.Clock(Sla.Calendar).Between(pausedAt, now).TotalMinutes)
        {
            FirstResponseDueAt = sla.FirstResponseDueAt,
            ResolutionDueAt = sla.ResolutionDueAt,
        });
        return this with { Sla = sla };
    }

    /// <summary>
    /// A priority change re-applies the policy to the targets still running, measured from creation (resolution: from the
    /// last reopening) in the new priority's calendar, less the time spent on hold; targets already met or breached keep
    /// their times and flags. Recorded as <c>priority_changed</c> with the new due times.
    /// </summary>
    private Ticket Reprioritise(Priority to, SlaPolicy policy, Recorder history, string? reason = null)
    {
        var sla = policy.Schedule(Sla, to, CreatedAt, firstResponseRunning: FirstResponseAt is null, resolutionRunning: IsWorkOpen);
        history.Add(TicketEventType.PriorityChanged, new PriorityChangedData(Priority, to, sla.FirstResponseDueAt, sla.ResolutionDueAt)
        {
            Calendar = sla.Calendar,
            Reason = reason,
        });
        return this with { Priority = to, Sla = sla };
    }

    /// <summary>
    /// Reopening (resolved → in progress, closed → open) starts a new resolution cycle: resolution is due the full
    /// resolution target of the current priority after the reopening, counted on its calendar, and the earlier cycle's
    /// breach no longer marks the ticket (its events stay in the history). The first response is not measured again.
    /// </summary>
    private Ticket RestartResolutionClock(SlaPolicy policy, DateTimeOffset now, Recorder history)
    {
        var restarted = Sla with
        {
            ResolutionRestartedAt = now,
            ResolutionBreached = false,
            // Earlier pauses only matter to a first response still awaited.
            Pauses = FirstResponseAt is null ? Sla.Pauses : [],
        };
        var sla = policy.Schedule(restarted, Priority, CreatedAt, firstResponseRunning: false, resolutionRunning: true);
        history.Add(TicketEventType.SlaStarted, new SlaStartedData(sla.Policy, null, sla.ResolutionDueAt)
        {
            Calendar = sla.Calendar,
            Reason = "reopened",
            Target = SlaTargetKind.Resolution,
            ResolutionWarningAt = sla.ResolutionWarningAt,
        });
        return this with { Sla = sla };
    }

    private Ticket ResolveClock(SlaPolicy policy, DateTimeOffset now, Recorder history)
    {
        var measured = this with { Sla = Sla with { ResolutionMinutes = MinutesSinceCreation(policy, now) } };
        if (now <= Sla.ResolutionDueAt)
        {
            history.Add(TicketEventType.SlaMet, new SlaMetData(SlaTargetKind.Resolution, Sla.ResolutionDueAt));
            return measured;
        }

        if (Sla.ResolutionBreached) return measured;
        history.Add(TicketEventType.SlaBreached, new SlaBreachedData(SlaTargetKind.Resolution, Sla.ResolutionDueAt));
        return measured with { Sla = measured.Sla with { ResolutionBreached = true } };
    }

    /// <summary>Whole minutes from creation to <paramref name="now"/> on the ticket's calendar (business minutes on a business calendar), for reports.</summary>
    private long MinutesSinceCreation(SlaPolicy policy, DateTimeOffset now) =>
        (long)Math.Floor(policy.Clock(Sla.Calendar).Between(CreatedAt, now).TotalMinutes);

    /// <summary>The first public comment or status change by staff (other than the requester) is the first response.</summary>
    private Ticket RespondIfFirst(Actor actor, SlaPolicy policy, DateTimeOffset now, Recorder history)
    {
        if (FirstResponseAt is not null || !actor.IsStaff || actor.Id == Requester.Id) return this;

        // On hold the clock stands at the pause: an answer given then is measured at that moment.
        var clockAt = Sla.PausedAt ?? now;
        var dueAt = Sla.FirstResponseDueAt;
        var next = this with { FirstResponseAt = now, Sla = Sla with { FirstResponseMinutes = MinutesSinceCreation(policy, now) } };
        if (clockAt <= dueAt)
        {
            history.Add(TicketEventType.SlaMet, new SlaMetData(SlaTargetKind.FirstResponse, dueAt));
            return next;
        }

        if (Sla.FirstResponseBreached) return next;
        history.Add(TicketEventType.SlaBreached, new SlaBreachedData(SlaTargetKind.FirstResponse, dueAt));
        return next with { Sla = next.Sla with { FirstResponseBreached = true } };
    }

    /// <summary>
    /// Null when the caller may make the move now; else the 409 (the machine has no such move) or 403 (not this caller's),
    /// with the moves allowed now, and, when the move came in a field of a larger request, that field named.
    /// </summary>
    private Error? RefusedMove(Actor actor, TicketStatus to, string? field) => StatusMachine.Judge(this, actor, to) switch
    {
        TransitionVerdict.Illegal => TransitionRefused(actor, ErrorKind.Conflict, "transition_not_allowed",
            $"A ticket cannot go from {Json.EnumName(Status)} to {Json.EnumName(to)}.", field),
        TransitionVerdict.NotPermitted => TransitionRefused(actor, ErrorKind.Forbidden, "forbidden",
            $"Your role on this ticket may not move it from {Json.EnumName(Status)} to {Json.EnumName(to)}.", field),
        _ => null,
    };

    private Error TransitionRefused(Actor actor, ErrorKind kind, string code, string detail, string? field) =>
        new(kind, code, kind == ErrorKind.Conflict ? "Conflict." : "Forbidden.", detail)
        {
            Extensions = new Dictionary<string, object?> { ["current"] = Status, ["allowed"] = TransitionsFor(actor) },
            Errors = field is null ? null : new Dictionary<string, string[]> { [field] = [detail] },
            ErrorCodes = field is null ? null : new Dictionary<string, string[]> { [field] = [code] },
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
                    Guid.CreateVersion7(now).ToString("N"), ticketId, e.Type, e.BySystem || actor.IsSystem ? null : who, now,
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
