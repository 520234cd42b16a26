using System.Text.Json.Serialization;
using Tickets.Common;

namespace Tickets.Tickets;

/// <summary><c>POST /tickets</c>.</summary>
public sealed record CreateTicketRequest(
    string? Title,
    string? Description,
    string? Priority = null,
    string? Category = null,
    [property: System.ComponentModel.Description("Files to open the ticket with: ids of your own uploads (POST /attachments) not yet attached to anything; at most 10.")]
    IReadOnlyList<string>? AttachmentIds = null,
    [property: System.ComponentModel.Description("Colleagues to copy: ids of active accounts other than the requester; at most 20 (GET /people/lookup finds one by e-mail).")]
    IReadOnlyList<string?>? CcIds = null)
{
    /// <summary>The parsed priority; null when absent or invalid (validation names it).</summary>
    [JsonIgnore]
    public Priority? PriorityValue => Parse<Priority>(Priority);
    public const int TitleMin = 3;
    public const int TitleMax = 200;
    public const int DescriptionMax = 10_000;

    public Validator Validate(TicketRules rules)
    {
        var v = new Validator();
        v.Text("title", Title, TitleMin, TitleMax);
        v.Text("description", Description, 1, DescriptionMax, multiline: true);
        CheckEnum<Priority>(v, "priority", Priority);
        rules.ValidateCategory(v, Category, allowClear: false);
        return Attachments.AttachmentClaims.Validate(v, AttachmentIds);
    }

    internal static TEnum? Parse<TEnum>(string? value) where TEnum : struct, Enum =>
        value is not null && Json.TryParseEnum<TEnum>(value, out var parsed) ? parsed : null;

    internal static void CheckEnum<TEnum>(Validator v, string field, string? value) where TEnum : struct, Enum
    {
        if (value is not null && Parse<TEnum>(value) is null)
            v.Add(field, FieldCodes.NotAllowed, $"Must be one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(Json.EnumName))}.");
    }
}

/// <summary><c>PATCH /tickets/{id}</c>: absent fields stay; <c>"category": ""</c> clears the category.</summary>
public sealed record UpdateTicketRequest(string? Title = null, string? Description = null, string? Priority = null, string? Category = null)
{
    [JsonIgnore]
    public Priority? PriorityValue => CreateTicketRequest.Parse<Priority>(Priority);
    /// <param name="keep">The ticket's own category, which passes even if it has been deactivated since.</param>
    public Validator Validate(TicketRules rules, string? keep = null)
    {
        var v = new Validator();
        v.Text("title", Title, CreateTicketRequest.TitleMin, CreateTicketRequest.TitleMax, required: false);
        v.Text("description", Description, 1, CreateTicketRequest.DescriptionMax, required: false, multiline: true);
        CreateTicketRequest.CheckEnum<Priority>(v, "priority", Priority);
        rules.ValidateCategory(v, Category, allowClear: true, keep);
        return v;
    }
}

/// <summary><c>PUT /tickets/{id}/team</c>; a null id takes the ticket out of any team.</summary>
public sealed record MoveTeamRequest(string? TeamId);

/// <summary><c>PUT /tickets/{id}/assignee</c>; a null id unassigns.</summary>
public sealed record AssignRequest(string? AssigneeId);

/// <summary><c>PUT /tickets/{id}/status</c>.</summary>
public sealed record StatusChangeRequest(string? Status, string? Note = null)
{
    [JsonIgnore]
    public TicketStatus? StatusValue => CreateTicketRequest.Parse<TicketStatus>(Status);

    /// <summary>What can be told without the ticket; whether a note is required depends on the move.</summary>
    public Validator Validate()
    {
        var v = new Validator();
        if (StatusValue is null)
            v.Add("status", FieldCodes.Required, $"Required: one of {string.Join(", ", Enum.GetValues<TicketStatus>().Select(Json.EnumName))}.");
        return v.Characters("note", Note, multiline: true);
    }
}

/// <summary>
/// <c>POST /tickets/{id}/comments</c>. With <see cref="Status"/> the comment also moves the ticket, in the same write
/// ("send and resolve"): a public comment is the move's note (the resolution note, the reopen reason).
/// </summary>
public sealed record CommentRequest(
    string? Body,
    bool? Internal = null,
    [property: System.ComponentModel.Description("Also move the ticket to this status, in the same change, as PUT /tickets/{id}/status would "
        + "(the same rules; 409 or 403 naming status otherwise). A public comment is the move's note; an internal note moves it without one.")]
    string? Status = null,
    [property: System.ComponentModel.Description("Files the comment brings: ids of your own uploads (POST /attachments) not yet attached to anything; "
        + "at most 10. An internal note's files are internal.")]
    IReadOnlyList<string>? AttachmentIds = null,
    [property: System.ComponentModel.Description("People the comment mentions (staff only): ids of active accounts that can read it — technicians and "
        + "admins, and on a public comment the ticket's requester or a CC; at most 20, repeats counted once. They are told of it (mentioned).")]
    IReadOnlyList<string>? Mentions = null)
{
    [JsonIgnore]
    public TicketStatus? StatusValue => CreateTicketRequest.Parse<TicketStatus>(Status);

    /// <summary>The mentioned ids, each once, in the order first given.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> MentionIds => Mentions is null ? [] : Mentions.Distinct(StringComparer.Ordinal).ToList();

    public Validator Validate()
    {
        var v = new Validator().Text("body", Body, 1, Comment.BodyMax, multiline: true);
        CreateTicketRequest.CheckEnum<TicketStatus>(v, "status", Status);
        if (Mentions is not null && Mentions.Any(id => !Ids.IsWellFormed(id)))
            v.Add("mentions", FieldCodes.NotAllowed, "Must be account ids.");
        else if (MentionIds.Count > Comment.MentionsMax)
            v.Add("mentions", FieldCodes.TooMany, $"At most {Comment.MentionsMax} people in one comment.");
        return Attachments.AttachmentClaims.Validate(v, AttachmentIds);
    }
}
