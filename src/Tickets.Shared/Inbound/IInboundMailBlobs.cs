namespace Tickets.Inbound;

/// <summary>The private <c>inbound-mail</c> container: each raw message as it came in, named by its door's id.</summary>
public interface IInboundMailBlobs
{
    /// <summary>Writes (or overwrites: a door retrying the same message writes the same bytes) the blob <paramref name="name"/>.</summary>
    Task WriteAsync(string name, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The raw message, or null when the blob does not exist (any more).</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default);

    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}
