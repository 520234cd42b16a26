using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tickets.Storage;

namespace Tickets.ContractTests;

/// <summary>
/// Base of every store contract: builds the real composition (<c>AddTickets</c>) against a fresh, empty store
/// per test class instance. An adapter joins the suite by subclassing each contract with its settings.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private ServiceProvider? _services;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    protected T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Configuration selecting this adapter, pointing at a store no other test uses.</summary>
    protected abstract IReadOnlyDictionary<string, string?> StoreSettings(string uniqueName);

    /// <summary>Services an adapter's tests add to the composition (e.g. a test server's SDK handler); never product behaviour.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Removes what the test created while the composition is still alive (e.g. drops a database through its client).</summary>
    protected virtual Task DropStoreAsync() => Task.CompletedTask;

    /// <summary>Removes what <see cref="StoreSettings"/> created.</summary>
    protected virtual Task CleanUpAsync(string uniqueName) => Task.CompletedTask;

    private readonly string _uniqueName = "contract-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(StoreSettings(_uniqueName)).Build();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(Time)
            .AddTickets(configuration);
        ConfigureServices(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        foreach (var store in _services.GetServices<IStoreInitializer>())
            await store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await DropStoreAsync();
            await _services.DisposeAsync();
        }

        await CleanUpAsync(_uniqueName);
    }
}

/// <summary>SQLite settings shared by the SQLite subclasses: one temporary database file per test.</summary>
internal static class SqliteStore
{
    public static IReadOnlyDictionary<string, string?> Settings(string uniqueName) => new Dictionary<string, string?>
    {
        ["Tickets:Store"] = "Sqlite",
        ["Tickets:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), "tickets-tests", uniqueName + ".db"),
        ["Tickets:Jwt:SigningKeys:0:Id"] = "test",
        ["Tickets:Jwt:SigningKeys:0:Key"] = Convert.ToBase64String(new byte[32]),
    };

    public static Task CleanUpAsync(string uniqueName)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Path.GetTempPath(), "tickets-tests"), uniqueName + ".db*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
