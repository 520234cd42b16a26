using System.ComponentModel;
using System.Text.Json.Serialization;
using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.Macros;

/// <summary><c>POST /macros</c>: <c>internal</c> and <c>shared</c> default to false; only admins make shared macros.</summary>
public sealed record CreateMacroRequest(
    string? Name,
    [property: Description("The reply; may use {{requester.firstNames}}, {{requester.lastNames}}, {{ticket.number}}, {{ticket.title}}, {{agent.firstNames}}.")]
    string? Body,
    bool? Internal = null,
    [property: Description("Also move the ticket to this status when applied, under the ticket's own rules.")]
    string? SetStatus = null,
    [property: Description("Also change the ticket's priority when applied, under the ticket's own rules.")]
    string? SetPriority = null,
    [property: Description("Shared with every technician and admin; only admins make or change shared macros.")]
    bool? Shared = null)
{
    [JsonIgnore]
    public TicketStatus? SetStatusValue => MacroRules.Parse<TicketStatus>(SetStatus);

    [JsonIgnore]
    public Priority? SetPriorityValue => MacroRules.Parse<Priority>(SetPriority);

    public Validator Validate() => MacroRules.Check(new Validator(), Name, Body, SetStatus, SetPriority, required: true);
}

/// <summary><c>PATCH /macros/{id}</c>: absent fields stay; <c>"setStatus": ""</c> or <c>"setPriority": ""</c> clears it.</summary>
public sealed record UpdateMacroRequest(
    string? Name = null, string? Body = null, bool? Internal = null, string? SetStatus = null, string? SetPriority = null, bool? Shared = null)
{
    public Validator Validate() => MacroRules.Check(new Validator(), Name, Body, SetStatus, SetPriority, required: false);
}

internal static class MacroRules
{
    public const int NameMax = 100;

    public static TEnum? Parse<TEnum>(string? value) where TEnum : struct, Enum =>
        !string.IsNullOrEmpty(value) && Json.TryParseEnum<TEnum>(value, out var parsed) ? parsed : null;

    public static Validator Check(Validator v, string? name, string? body, string? setStatus, string? setPriority, bool required)
    {
        v.Text("name", name, 1, NameMax, required);
        v.Text("body", body, 1, Comment.BodyMax, required, multiline: true);
        if (body is not null && !v.Has("body") && MacroPlaceholders.Unknown(body) is { Count: > 0 } unknown)
            v.Add("body", FieldCodes.NotAllowed,
                $"Unknown placeholder {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}: use {string.Join(", ", MacroPlaceholders.Allowed.Select(a => "{{" + a + "}}"))}.");
        CheckEnum<TicketStatus>(v, "setStatus", setStatus, allowClear: !required);
        CheckEnum<Priority>(v, "setPriority", setPriority, allowClear: !required);
        return v;
    }

    private static void CheckEnum<TEnum>(Validator v, string field, string? value, bool allowClear) where TEnum : struct, Enum
    {
        if (value is null || (allowClear && value.Length == 0) || Parse<TEnum>(value) is not null) return;
        v.Add(field, FieldCodes.NotAllowed, $"Must be one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(Json.EnumName))}.");
    }
}
