using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tickets.Storage;

namespace Tickets.ContractTests;

/// <summary>
/// An adapter as the contract suite sees it: the settings that select it on a store no other test uses, the
/// test-only services it needs, and how to remove what a test created. Each adapter has one of these; each
/// concrete contract class is one line pairing a contract with it.
/// </summary>
public interface IStoreUnderTest
{
    IReadOnlyDictionary<string, string?> Settings(string uniqueName);

    /// <summary>Services the adapter's tests add (e.g. a test server's SDK shims); never product behaviour.</summary>
    void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Removes the store while the composition is still alive (e.g. drops a database through its client).</summary>
    Task DropAsync(IServiceProvider services, string uniqueName) => Task.CompletedTask;

    /// <summary>Removes what is left after the composition is disposed (e.g. files).</summary>
    Task CleanUpAsync(string uniqueName) => Task.CompletedTask;

    /// <summary>
    /// A ticket's satisfaction as the adapter keeps it beside the document for reports (rating, when), read raw from the
    /// store, so the contract proves each adapter writes the projection its reports count.
    /// </summary>
    Task<(string? Rating, DateTimeOffset? At)> SatisfactionProjectionAsync(IServiceProvider services, string ticketId) =>
        throw new NotSupportedException("This adapter does not read its raw projection.");
}

/// <summary>
/// Base of every store contract: builds the real composition (<c>AddTickets</c>) against a fresh, empty store
/// per test, selected by <paramref name="store"/>.
/// </summary>
public abstract class StoreContract(IStoreUnderTest store) : IAsyncLifetime
{
    private readonly string _uniqueName = "contract-" + Guid.NewGuid().ToString("N")[..12];
    private ServiceProvider? _services;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The adapter under test, for the few cases that read what it stores raw.</summary>
    protected IStoreUnderTest Adapter => store;

    protected T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings(_uniqueName)).Build();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(Time)
            .AddTickets(configuration);
        store.ConfigureServices(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        foreach (var initializer in _services.GetServices<IStoreInitializer>())
            await initializer.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await store.DropAsync(_services, _uniqueName);
            await _services.DisposeAsync();
        }

        await store.CleanUpAsync(_uniqueName);
    }
}

/// <summary>SQLite: one temporary database file per test.</summary>
public sealed class SqliteStore : IStoreUnderTest
{
    public IReadOnlyDictionary<string, string?> Settings(string uniqueName) => new Dictionary<string, string?>
    {
        ["Tickets:Store"] = "Sqlite",
        ["Tickets:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), "tickets-tests", uniqueName + ".db"),
        ["Tickets:Jwt:SigningKeys:0:Id"] = "test",
        ["Tickets:Jwt:SigningKeys:0:Key"] = Convert.ToBase64String(new byte[32]),
    };

    public async Task<(string? Rating, DateTimeOffset? At)> SatisfactionProjectionAsync(IServiceProvider services, string ticketId)
    {
        var path = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<global::Tickets.Storage.Sqlite.SqliteOptions>>().Value.Path;
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT satisfaction_rating, satisfaction_at FROM tickets WHERE id = $id";
        command.Parameters.AddWithValue("$id", ticketId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
    }

    public Task CleanUpAsync(string uniqueName)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Path.GetTempPath(), "tickets-tests"), uniqueName + ".db*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
