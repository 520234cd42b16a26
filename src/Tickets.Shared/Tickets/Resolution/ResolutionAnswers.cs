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

/// <summary><c>POST /satisfaction-answers</c>: the token of a satisfaction link, and (optionally, or afterwards) a comment.</summary>
public sealed record SatisfactionAnswerRequest(
    [property: Description("The token of the link (its ?token=…); it names the ticket, the resolution and the rating.")] string? Token,
    [property: Description("A few words on the rating, at most 2000 characters; may follow in a second call with the same token.")] string? Comment = null);

/// <summary>What the page tells the requester after their rating.</summary>
public sealed record SatisfactionAnswerView(
    string TicketNumber,
    SatisfactionRating Rating,
    [property: Description("Whether the rating has a comment (true: the link is used up).")] bool Commented);

/// <summary>
/// Applies the answer of a resolution link, as the ticket's requester, through the one <see cref="TicketWriter"/>:
/// <c>confirm</c> closes the ticket, <c>reopen</c> takes it back to work (<c>in_progress</c>, the status machine's reopening,
/// with the note as its reason). The link works once without any store of spent links: the answer applies only while the
/// ticket is still resolved by the resolution the link names, so after any answer — or a reopening or closing by anyone,
/// or a later resolution — it is a 409 <c>link_already_used</c>. Malformed, forged, expired, or naming a requester who is
/// no longer active: 400 <c>invalid_link</c>. Anonymous (the token is the credential), so asking is throttled per client
/// address like "forgot my password". The same e-mail's satisfaction links (good, bad) are answered here too
/// (<see cref="RateAsync"/>), under the same checks; neither kind of link is accepted for the other.
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

        var opened = await OpenAsync(request.Token!, satisfaction: false, cancellationToken);
        if (!opened.IsSuccess) return opened.Error!;
        var (claims, actor) = opened.Value;

        var to = claims.Answer == ResolutionAnswer.Confirm ? TicketStatus.Closed : TicketStatus.InProgress;
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var written = await writer.WriteAsync(
            ct => TicketOfAsync(claims, ct), ifMatch: null, actor,
            async ticket => ticket.Status == TicketStatus.Resolved && ticket.ResolvedAt == claims.ResolvedAt
                ? ticket.ChangeStatus(actor, to, note, rules.WithSla(await policies.ForTicketAsync(ticket.Sla, cancellationToken)), time.GetUtcNow(), Channel)
                : AlreadyUsed,
            cancellationToken);
        if (!written.IsSuccess) return written.Error!;

        var answered = written.Value.Ticket;
        LogAnswered(logger, answered.DisplayNumber, claims.Answer);
        return new ResolutionAnswerView(answered.DisplayNumber, answered.Status);
    }

    /// <summary>
    /// Records the rating a satisfaction link names (good or bad), as the requester, on the resolution it names, while that
    /// resolution is the ticket's and unrated. The page records the click at once, then offers a comment: the same link
    /// with a comment adds it, once, to the rating it recorded. Anything else — a second use, the other rating's link, a
    /// link of an earlier resolution, a reopened ticket — is a 409 <c>link_already_used</c>; malformed, forged or expired:
    /// 400 <c>invalid_link</c>.
    /// </summary>
    public async Task<Result<SatisfactionAnswerView>> RateAsync(SatisfactionAnswerRequest request, CancellationToken cancellationToken)
    {
        var v = new Validator();
        if (string.IsNullOrWhiteSpace(request.Token)) v.Add("token", FieldCodes.Required, "Required: the token of the link.");
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        v.Text("comment", comment, 1, TicketSatisfaction.CommentMax, required: false, multiline: true);
        if (v.ToError() is { } invalid) return invalid;

        var opened = await OpenAsync(request.Token!, satisfaction: true, cancellationToken);
        if (!opened.IsSuccess) return opened.Error!;
        var (claims, actor) = opened.Value;

        var rating = claims.Answer == ResolutionAnswer.Good ? SatisfactionRating.Good : SatisfactionRating.Bad;
        var written = await writer.WriteAsync(
            ct => TicketOfAsync(claims, ct), ifMatch: null, actor,
            ticket => Task.FromResult(ticket.ResolvedAt != claims.ResolvedAt ? AlreadyUsed
                : ticket.AwaitsSatisfaction ? ticket.Rate(actor, rating, comment, time.GetUtcNow(), Channel)
                : comment is not null ? Used(ticket.CommentSatisfaction(actor, rating, comment, time.GetUtcNow(), Channel))
                : AlreadyUsed),
            cancellationToken);
        if (!written.IsSuccess) return written.Error!;

        var rated = written.Value.Ticket;
        LogRated(logger, rated.DisplayNumber, rating);
        return new SatisfactionAnswerView(rated.DisplayNumber, rating, rated.Satisfaction?.Comment is not null);
    }

    /// <summary>A refusal to add the comment is the link's: it was used.</summary>
    private static Result<TicketChange> Used(Result<TicketChange> change) => change.IsSuccess ? change : AlreadyUsed;

    /// <summary>The claims of a token of the right kind, throttled per client address, unexpired, of a requester still active; as whom it acts.</summary>
    private async Task<Result<(ResolutionLinkClaims Claims, Actor Actor)>> OpenAsync(string token, bool satisfaction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (client.Value is { } address)
        {
            var counted = await throttle.TryCountAsync(
                "resolution-address:" + address, PasswordAttempts.MinuteStart(now), TimeSpan.FromMinutes(1), limits.Value.PasswordAttemptsPerAddressPerMinute, cancellationToken);
            if (!counted.Granted) return PasswordAttempts.TooMany("Too many answers from this address.", counted.RetryAt - now);
        }

        var claims = tokens.Read(token);
        var ofKind = satisfaction
            ? claims?.Answer is ResolutionAnswer.Good or ResolutionAnswer.Bad
            : claims?.Answer is ResolutionAnswer.Confirm or ResolutionAnswer.Reopen;
        if (claims is null || !ofKind) return InvalidLink("The link is malformed or was not made by this service.");
        if (now > claims.ExpiresAt)
            return InvalidLink(satisfaction ? "The link has expired: open the ticket to see where it stands."
                : "The link has expired: the ticket has closed itself, or will on its own.");
        var requester = await users.FindByIdAsync(claims.RequesterId, cancellationToken);
        if (requester is not { Active: true }) return InvalidLink("The account the link was sent to is no longer active.");
        return (claims, Actor.Of(requester));
    }

    private async Task<Result<Ticket>> TicketOfAsync(ResolutionLinkClaims claims, CancellationToken cancellationToken) =>
        await store.FindAsync(claims.TicketId, cancellationToken) is { DeletedAt: null } ticket && ticket.Requester.Id == claims.RequesterId
            ? ticket
            : InvalidLink("The ticket of this link no longer exists.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number}: the requester rated its resolution {Rating} through a satisfaction link")]
    private static partial void LogRated(ILogger logger, string number, SatisfactionRating rating);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number}: the requester answered {Answer} through a resolution link")]
    private static partial void LogAnswered(ILogger logger, string number, ResolutionAnswer answer);
}
