using System.ComponentModel;
using System.Text.Json.Serialization;
using Tickets.Common;

namespace Tickets.Tickets.Bulk;

/// <summary>What a bulk request does to each of its tickets.</summary>
public enum BulkAction
{
    Assign,
    Status,
    Priority,
    Team,
    Tags,
}

/// <summary>
/// <c>POST /tickets/bulk</c>: one action for up to <see cref="MaxIds"/> tickets, each changed as its own route would
/// change it. Only the fields of the chosen action are read. <c>assigneeId</c> and <c>teamId</c> must be present for
/// their actions, where null means "nobody" and "no team": an absent field is a 400, never an unassignment.
/// </summary>
public sealed class BulkRequest
{
    public const int MaxIds = 100;

    [Description("The tickets (ids or numbers such as TCK-000123), 1–100, each once; the results come in this order.")]
    public IReadOnlyList<string?>? Ids { get; init; }

    [Description("assign (assigneeId), status (status, note), priority (priority), team (teamId) or tags (tags).")]
    public string? Action { get; init; }

    [Description("For assign: the technician or admin to assign, or null to unassign (PUT /tickets/{id}/assignee).")]
    public string? AssigneeId
    {
        get;
        init
        {
            field = value;
            HasAssigneeId = true;
        }
    }

    [Description("For status: the status to move to (PUT /tickets/{id}/status).")]
    public string? Status { get; init; }

    [Description("For status: the move's note, where the move asks for one (resolving, reopening).")]
    public string? Note { get; init; }

    [Description("For priority: the new priority (PATCH /tickets/{id}).")]
    public string? Priority { get; init; }

    [Description("For team: the active team to move to, or null for none (PUT /tickets/{id}/team).")]
    public string? TeamId
    {
        get;
        init
        {
            field = value;
            HasTeamId = true;
        }
    }

    [Description("For tags: each ticket's whole new set of tags, replacing its own (PUT /tickets/{id}/tags); empty removes them all.")]
    public IReadOnlyList<string?>? Tags { get; init; }

    [JsonIgnore]
    public bool HasAssigneeId { get; private set; }

    [JsonIgnore]
    public bool HasTeamId { get; private set; }

    [JsonIgnore]
    public BulkAction? ActionValue => CreateTicketRequest.Parse<BulkAction>(Action);

    /// <summary>The shape only: which tickets exist and what each one allows is answered per ticket.</summary>
    public Validator Validate()
    {
        var v = new Validator();
        if (Ids is null || Ids.Count == 0)
            v.Add("ids", FieldCodes.Required, $"Required: 1 to {MaxIds} ticket ids.");
        else if (Ids.Count > MaxIds)
            v.Add("ids", FieldCodes.TooMany, $"At most {MaxIds} tickets at once.");
        else if (Ids.Any(string.IsNullOrWhiteSpace))
            v.Add("ids", FieldCodes.Required, "Every id must be a ticket id or number.");
        else if (Ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() != Ids.Count)
            v.Add("ids", FieldCodes.Invalid, "Each ticket may be named only once.");

        switch (ActionValue)
        {
            case null:
                v.Add("action", Action is null ? FieldCodes.Required : FieldCodes.NotAllowed,
                    $"Must be one of: {string.Join(", ", Enum.GetValues<BulkAction>().Select(Json.EnumName))}.");
                break;
            case BulkAction.Assign when !HasAssigneeId:
                v.Add("assigneeId", FieldCodes.Required, "Required for assign: a technician's or admin's id, or null to unassign.");
                break;
            case BulkAction.Status:
                if (CreateTicketRequest.Parse<TicketStatus>(Status) is null)
                    v.Add("status", FieldCodes.Required, $"Required for status: one of {string.Join(", ", Enum.GetValues<TicketStatus>().Select(Json.EnumName))}.");
                v.Characters("note", Note, multiline: true);
                break;
            case BulkAction.Priority:
                if (CreateTicketRequest.Parse<Priority>(Priority) is null)
                    v.Add("priority", FieldCodes.Required, $"Required for priority: one of {string.Join(", ", Enum.GetValues<Priority>().Select(Json.EnumName))}.");
                break;
            case BulkAction.Team when !HasTeamId:
                v.Add("teamId", FieldCodes.Required, "Required for team: an active team's id, or null for none.");
                break;
            case BulkAction.Tags:
                TicketTags.Parse(v, "tags", Tags);
                break;
        }

        return v;
    }
}
