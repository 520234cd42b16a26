using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// A local host for the fuzzer: no demo data (nothing of its own changes while the fuzzer watches), a bootstrap admin,
/// a technician, a user, a victim account and a few tickets; its SQLite file where the fuzzer can read what is stored.
/// </summary>
public sealed class FuzzHost : IAsyncLifetime
{
    private const string AdminEmail = "fuzz-admin@example.org";
    private const string Password = "Password123!";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tickets-fuzz", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Always SQLite, on both passes of the suite: "nothing stored after a refused request" is proven by comparing the
    /// database file's contents before and after each request, which needs the file.
    /// </summary>
    public LocalHost Host { get; } = new() { Store = HostStore.Sqlite };

    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Technician { get; private set; } = null!;
    public HttpClient User { get; private set; } = null!;
    public string UserId { get; private set; } = null!;
    public string TechnicianId { get; private set; } = null!;

    /// <summary>An account the fuzzer may change as it likes (never one it signs in as).</summary>
    public string VictimId { get; private set; } = null!;

    private string DatabasePath => Path.Combine(_directory, "tickets.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Host.Settings["Tickets:Sqlite:Path"] = DatabasePath;
        Host.Settings["Tickets:DemoData"] = "false";
        Host.Settings["Tickets:BootstrapAdmin:Email"] = AdminEmail;
        Host.Settings["Tickets:BootstrapAdmin:Password"] = Password;
        await Host.InitializeAsync();

        Admin = await Host.SignInAsync(AdminEmail, Password);
        TechnicianId = await CreateAccountAsync("technician");
        Technician = await Host.SignInAsync(_technicianEmail!, Password);
        VictimId = await CreateAccountAsync("user");
        (User, UserId, _) = await Host.NewUserAsync(Password);
    }

    private string? _technicianEmail;

    private async Task<string> CreateAccountAsync(string role)
    {
        var email = $"fuzz-{role}-{Guid.NewGuid():N}@example.org";
        if (role == "technician") _technicianEmail = email;
        var created = await Admin.PostAsJsonAsync("api/users", new
        {
            dni = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            phone = "+34 600 000 111", firstNames = "Cuenta", lastNames = "De Pruebas", department = "Ventas", email, password = Password, role,
        });
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }

    /// <summary>
    /// What requests store, read straight from the database: accounts and their versions, tickets and their last change,
    /// comments, history, counters (ticket numbers), idempotency records, uploads and their claims, file records, and the blobs. Throttle records are not data and not included.
    /// </summary>
    public async Task<string> FingerprintAsync()
    {
        if (_reader is null)
        {
            _reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await _reader.OpenAsync();
        }

        await using var command = _reader.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) || '/' || ifnull(sum(version), 0) FROM users)
                || ' ' || (SELECT count(*) || '/' || ifnull(max(updated_at), 0) || '/' || ifnull(sum(deleted), 0) FROM tickets)
                || ' ' || (SELECT count(*) FROM ticket_comments)
                || ' ' || (SELECT count(*) FROM ticket_events)
                || ' ' || (SELECT ifnull(group_concat(name || '=' || value), '') FROM counters)
                || ' ' || (SELECT count(*) FROM idempotency)
                || ' ' || (SELECT count(*) || '/' || ifnull(sum(claimed_at), 0) || '/' || ifnull(sum(attached_at), 0) FROM uploads)
                || ' ' || (SELECT count(*) FROM ticket_attachments)
            """;
        // And the files: a refused upload keeps no blob either.
        return (string)(await command.ExecuteScalarAsync())! + " blobs " + (await Host.Blobs.NamesAsync()).Count;
    }

    /// <summary>One read-only connection for the whole run (WAL: each statement sees every write committed before it).</summary>
    private SqliteConnection? _reader;

    public async Task DisposeAsync()
    {
        if (_reader is not null) await _reader.DisposeAsync();
        await Host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing is left to the OS temp cleaner.
        }
    }
}
