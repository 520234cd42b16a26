namespace Tickets.Tickets;

/// <summary>The requester's verdict on a resolution (lower snake case on the wire: good, bad).</summary>
public enum SatisfactionRating
{
    Good,
    Bad,
}

/// <summary>
/// The requester's rating of one resolution of the ticket: good or bad, an optional comment, when it was given, and which
/// resolution it rates (<see cref="ResolvedAt"/>, the ticket's resolution time then). A reopening and a new resolution ask
/// again; the new rating replaces this one.
/// </summary>
public sealed record TicketSatisfaction(SatisfactionRating Rating, string? Comment, DateTimeOffset At, DateTimeOffset ResolvedAt)
{
    public const int CommentMax = 2_000;

    /// <summary>How it was given when not in the app (an e-mail's link).</summary>
    public string? Channel { get; init; }
}

/// <summary><c>POST /tickets/{id}/satisfaction</c>: the requester's rating of the current resolution.</summary>
public sealed record SatisfactionRequest(
    [property: System.ComponentModel.Description("good or bad.")] string? Rating,
    [property: System.ComponentModel.Description("A few words on it (optional), at most 2000 characters.")] string? Comment = null)
{
    /// <summary>The rating and the comment (null for none), or the 400 naming <c>rating</c> or <c>comment</c>.</summary>
    public Common.Result<(SatisfactionRating Rating, string? Comment)> Parsed()
    {
        var v = new Common.Validator();
        var rating = CreateTicketRequest.Parse<SatisfactionRating>(Rating);
        if (rating is null) v.Add("rating", Rating is null ? Common.FieldCodes.Required : Common.FieldCodes.NotAllowed, "Required: good or bad.");
        var comment = string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim();
        v.Text("comment", comment, 1, TicketSatisfaction.CommentMax, required: false, multiline: true);
        return v.ToError() is { } invalid ? invalid : (rating!.Value, comment);
    }
}
