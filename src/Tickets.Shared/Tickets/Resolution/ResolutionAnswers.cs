using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Sla.Policies;
using Tickets.Users;

namespace Tickets.Tickets.Resolution;

/// <summary><c>POST /resolution-answers</c>: the token of a resolved e-mail's link, and for a reopening, why (optional).</summary>
public sealed record ResolutionAnswerRequest(
    [property: Description("The token of the link (its ?token=…); it names the ticket, the resolution and the answer.")] string? Token,
    [property: Description("A few words for the assignee; for a reopening, the reason.")] string? Note = null);

/// <summary>What the page tells the requester after their answer.</summary>
public sealed record ResolutionAnswerView(string TicketNumber, TicketStatus Status);

/// <summary>
/// Applies the answer of a resolution link, as the ticket's requester, through the one <see cref="TicketWriter"/>:
/// <c>confirm</c> closes the ticket, <c>reopen</c> takes it back to work (<c>in_progress</c>, the status machine's reopening,
/// with the note as its reason). The link works once without any store of spent links: the answer applies only while the
/// ticket is still resolved by the resolution the link names, so after any answer — or a reopening or closing by anyone,
/// or a later resolution — it is a 409 <c>link_already_used</c>. Malformed, forged, expired, or naming a requester who is
/// no longer active: 400 <c>invalid_link</c>. Anonymous (the token is the credential), so asking is throttled per client
/// address like "forgot my password".
/// </summary>
public sealed partial class ResolutionAnswers(
    ResolutionLinkTokens tokens,
    ITicketStore store,
    IUserStore users,
    TicketWriter writer,
    TicketRules rules,
    SlaPolicies policies,
    ILoginThrottleStore throttle,
    ClientAddress client,
    IOptions<LimitsOptions> limits,
    TimeProvider time,
    ILogger<ResolutionAnswers> logger)
{
    /// <summary>How the history notes an answer given through a link.</summary>
    public const string Channel = "resolution_link";

    public static Error InvalidLink(string detail) =>
        new(ErrorKind.Validation, "invalid_link", "The link is not valid.", detail)
        {
            Errors = new Dictionary<string, string[]> { ["token"] = [detail] },
            ErrorCodes = new Dictionary<string, string[]> { ["token"] = ["invalid_link"] },
        };

    public static Error AlreadyUsed { get; } = Error.Conflict("link_already_used",
        "This link has been used, or the ticket has changed since it was resolved: open the ticket to see where it stands.",
        new Dictionary<string, string[]> { ["token"] = ["Already used."] });

    public async Task<Result<ResolutionAnswerView>> AnswerAsync(ResolutionAnswerRequest request, CancellationToken cancellationToken)
    {
        var v = new Validator();
        if (string.IsNullOrWhiteSpace(request.Token)) v.Add("token", FieldCodes.Required, "Required: the token of the link.");
        v.Text("note", request.Note, 1, Comment.BodyMax, required: false, multiline: true);
        if (v.ToError() is { } invalid) return invalid;

        var now = time.GetUtcNow();
        if (client.Value is { } address)
        {
            var counted = await throttle.TryCountAsync(
                "resolution-address:" + address, PasswordAttempts.MinuteStart(now), TimeSpan.FromMinutes(1), limits.Value.PasswordAttemptsPerAddressPerMinute, cancellationToken);
            if (!counted.Granted) return PasswordAttempts.TooMany("Too many answers from this address.", counted.RetryAt - now);
        }

        var claims = tokens.Read(request.Token);
        if (claims is null) return InvalidLink("The link is malformed or was not made by this service.");
        if (now > claims.ExpiresAt) return InvalidLink("The link has expired: the ticket has closed itself, or will on its own.");
        var requester = await users.FindByIdAsync(claims.RequesterId, cancellationToken);
        if (requester is not { Active: true }) return InvalidLink("The account the link was sent to is no longer active.");

        var actor = Actor.Of(requester);
        var to = claims.Answer == ResolutionAnswer.Confirm ? TicketStatus.Closed : TicketStatus.InProgress;
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var written = await writer.WriteAsync(
            async ct => await store.FindAsync(claims.TicketId, ct) is { DeletedAt: null } ticket && ticket.Requester.Id == claims.RequesterId
                ? ticket
                : InvalidLink("The ticket of this link no longer exists."),
            ifMatch: null, actor,
            async ticket => ticket.Status == TicketStatus.Resolved && ticket.ResolvedAt == claims.ResolvedAt
                ? ticket.ChangeStatus(actor, to, note, rules.WithSla(await policies.ForTicketAsync(ticket.Sla, cancellationToken)), time.GetUtcNow(), Channel)
                : AlreadyUsed,
            cancellationToken);
        if (!written.IsSuccess) return written.Error!;

        var answered = written.Value.Ticket;
        LogAnswered(logger, answered.DisplayNumber, claims.Answer);
        return new ResolutionAnswerView(answered.DisplayNumber, answered.Status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number}: the requester answered {Answer} through a resolution link")]
    private static partial void LogAnswered(ILogger logger, string number, ResolutionAnswer answer);
}
