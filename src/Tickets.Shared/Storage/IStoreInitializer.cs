namespace Tickets.Storage;

/// <summary>Brings a store to a usable state at start (schema, containers) and answers health checks.</summary>
public interface IStoreInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<bool> PingAsync(CancellationToken cancellationToken);
}
