using System.Text.Json;
using System.Text.Json.Nodes;
using Tickets.Attachments;
using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

/// <summary>Tickets and comments as both stores keep them (JSON with the API's options): their files survive, old ones have none.</summary>
public sealed class StoredAttachmentsTests
{
    private static readonly Upload Screenshot =
        new("upload-1", "captura.png", "image/png", 2048, new string('c', 64), new EventActor(Build.Requester.Id, Build.Requester.Name), Build.Start);

    private static T RoundTrip<T>(T value, Action<JsonObject>? edit = null)
    {
        var node = JsonSerializer.SerializeToNode(value, Json.Options)!.AsObject();
        edit?.Invoke(node);
        return JsonSerializer.Deserialize<T>(node, Json.Options)!;
    }

    [Fact]
    public void ATicketWithFilesReadBackEqualsTheOneWritten()
    {
        var ticket = Ticket.Create("ticket-1", 1, new CreateTicketRequest("Error", "Adjunto captura.", null), Build.Requester, Build.Rules(),
            Build.Start, uploads: [Screenshot]).Value.Ticket;

        Assert.Equal(ticket, RoundTrip(ticket));
        Assert.Equal("captura.png", Assert.Single(RoundTrip(ticket).Attachments).FileName);
    }

    [Fact]
    public void ATicketStoredBeforeAttachmentsReadsWithNone()
    {
        var ticket = Build.NewTicket();

        var old = RoundTrip(ticket, json => Assert.True(json.Remove("attachments")));

        Assert.Empty(old.Attachments);
        Assert.Equal(ticket, old);
    }

    [Fact]
    public void ACommentStoredBeforeAttachmentsReadsWithNoneAndOneWithFilesKeepsThem()
    {
        var change = Build.NewTicket().AddComment(Build.Requester, "comment-1", new CommentRequest("Adjunto."), Build.Rules(), Build.Start, [Screenshot]).Value;
        // The sequence is the store's column (seq), not part of the document.
        var comment = change.Comment! with { Sequence = 0 };

        var old = RoundTrip(comment with { Attachments = [] }, json => Assert.True(json.Remove("attachments")));

        Assert.Empty(old.Attachments);
        Assert.Equal(comment with { Attachments = [] }, old);
        Assert.Equal(comment, RoundTrip(comment));
    }
}
