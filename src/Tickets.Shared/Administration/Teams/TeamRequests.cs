using Tickets.Common;

namespace Tickets.Administration.Teams;

/// <summary><c>POST /teams</c>: <c>assignment</c> defaults to manual, <c>memberIds</c> to none, <c>active</c> to true.</summary>
public sealed record CreateTeamRequest(string? Name, string? Description = null, string? Assignment = null, IReadOnlyList<string>? MemberIds = null, bool? Active = null)
{
    public Validator Validate() => TeamRules.Check(new Validator(), Name, required: true, Description, Assignment, MemberIds);
}

/// <summary><c>PATCH /teams/{id}</c>: absent fields stay; <c>"description": ""</c> clears it.</summary>
public sealed record UpdateTeamRequest(string? Name = null, string? Description = null, string? Assignment = null, IReadOnlyList<string>? MemberIds = null, bool? Active = null)
{
    public Validator Validate() => TeamRules.Check(new Validator(), Name, required: false, Description, Assignment, MemberIds);
}

internal static class TeamRules
{
    public const int NameMax = 100;
    public const int DescriptionMax = 500;
    public const int MembersMax = 200;

    public static Validator Check(Validator v, string? name, bool required, string? description, string? assignment, IReadOnlyList<string>? memberIds)
    {
        v.Text("name", name, 1, NameMax, required);
        v.Text("description", description, 0, DescriptionMax, required: false, multiline: true);
        if (assignment is not null && AssignmentModes.Parse(assignment) is null)
            v.Add("assignment", FieldCodes.NotAllowed, $"Must be one of: {string.Join(", ", AssignmentModes.Names)}.");
        if (memberIds is not null)
        {
            if (memberIds.Count > MembersMax) v.Add("memberIds", FieldCodes.TooLong, $"At most {MembersMax} members.");
            else if (memberIds.Any(id => !Ids.IsWellFormed(id)))
                v.Add("memberIds", FieldCodes.NotStaff, "Must be ids of active technicians or admins.");
        }

        return v;
    }

    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
