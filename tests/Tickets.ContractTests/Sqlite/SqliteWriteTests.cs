using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SQLitePCL;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Storage.Sqlite;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests.Sqlite;

/// <summary>
/// The SQLite writer: concurrent writes committed together stay separate (each atomic, each durable before its caller
/// hears back), and the bulk import writes the rows a create writes.
/// </summary>
public sealed class SqliteWriteTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "tickets-tests", $"writes-{Guid.NewGuid():N}.db");
    private SqliteDatabase _database = null!;

    private SqliteTicketStore Store => new(_database);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = _path }), NullLogger<SqliteDatabase>.Instance);
        await _database.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*")) File.Delete(file);
    }

    [Fact]
    public async Task AnAccountChangedThroughAnotherDatabaseInstanceIsReadChangedOnTheNextRead()
    {
        // Two SqliteDatabase instances on one file are two processes to SQLite (a second local host on the same file):
        // the first keeps the account it built from the row, the second deactivates it and ends a session.
        var first = new SqliteUserStore(_database);
        await using var otherDatabase = new SqliteDatabase(Options.Create(new SqliteOptions { Path = _path }), NullLogger<SqliteDatabase>.Instance);
        var second = new SqliteUserStore(otherDatabase);
        var now = DateTimeOffset.UtcNow;
        var user = new User
        {
            Id = Guid.NewGuid().ToString("N"), Email = "lucia@example.org", Dni = "12345678Z", Phone = "+34 600 000 000", FirstNames = "Lucía",
            LastNames = "García", Department = "Ventas", Role = Role.Technician, Active = true, PasswordHash = "hash", CreatedAt = now, UpdatedAt = now,
        };
        Assert.Equal(UserWrite.Done, await first.CreateAsync(user));
        var read = (await first.FindByIdAsync(user.Id))!;
        Assert.Same(read, await first.FindByIdAsync(user.Id)); // the same row: the account built before

        var changed = (await second.FindByIdAsync(user.Id))! with { Active = false, UpdatedAt = now.AddMinutes(1) };
        Assert.Equal(UserWrite.Done, await second.UpdateAsync(changed.EndSession("s1", now.AddMinutes(15), now)));

        var again = (await first.FindByIdAsync(user.Id))!;
        Assert.False(again.Active);
        Assert.Equal(read.Version + 1, again.Version);
        Assert.True(again.HasEnded("s1"));
    }

    [Fact]
    public async Task KeptConnectionsPlanWithoutReadingBoundValues()
    {
        // SQLITE_DBCONFIG_ENABLE_QPSG (1007), asked with -1 to read it: without it SQLite planned with the bound LIMIT and LIKE
        // pattern and compiled a kept list statement again inside every step (perf: a parse per list request).
        await using var session = await _database.ReadAsync();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_config(session.Connection.Handle, 1007, -1, out var enabled));
        Assert.Equal(1, enabled);
    }

    [Fact]
    public async Task KeptConnectionsReadWithoutAMemoryMap()
    {
        // With a memory map SQLite unmapped the whole file at the start of every read after a commit: under writes, an
        // munmap, a new mapping and its page faults per request (perf: create's CPU per request halved without it).
        await using var session = await _database.ReadAsync();
        await using var command = session.Connection.CreateCommand();
        command.CommandText = "PRAGMA mmap_size";

        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ConcurrentWritesEachTakeTheirOwnNumber()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => Store.NextNumberAsync())));

        Assert.Equal(Enumerable.Range(1, 200).Select(n => (long)n), numbers.Order());
    }

    [Fact]
    public async Task ACreateThatFailsTakesNoNumber()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAsync(_ => throw new InvalidOperationException("refused")));

        Assert.Equal(1, await Store.NextNumberAsync());
    }

    [Fact]
    public async Task AFailingWriteLeavesNothingAndItsNeighboursAreCommitted()
    {
        var writes = Enumerable.Range(0, 40).Select(i => _database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO counters (name, value) VALUES ($name, 1)";
            insert.Parameters.AddWithValue("$name", $"n{i}");
            await insert.ExecuteNonQueryAsync();
            if (i % 10 == 3) throw new InvalidOperationException($"write {i} fails after writing");
            return i;
        })).ToList();

        foreach (var (write, i) in writes.Select((w, i) => (w, i)))
        {
            if (i % 10 == 3) await Assert.ThrowsAsync<InvalidOperationException>(() => write);
            else Assert.Equal(i, await write);
        }

        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 10 != 3).Select(i => $"n{i}").Order(StringComparer.Ordinal), await CounterNamesAsync());
    }

    [Fact]
    public async Task ImportedTicketsReadBackLikeCreatedOnes()
    {
        var rules = new TicketRules(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));
        var requester = new Actor("u1", "Úrsula Usuaria", Role.User, "Contabilidad");
        var first = await Store.ReserveNumbersAsync(3);
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var changes = Enumerable.Range(0, 3).Select(i => Ticket.Create($"t{i}", first + i,
            new CreateTicketRequest($"Impresora {i}", "No imprime."), requester, rules, at.AddMinutes(i)).Value).ToList();

        Assert.Equal(3, await Store.ImportAsync(changes));

        var imported = (await Store.FindByNumberAsync(first + 1))!;
        Assert.Equal(("t1", "Impresora 1", 1L), (imported.Id, imported.Title, imported.Revision));
        Assert.Equal(changes[1].Events.Count, (await Store.ListHistoryAsync("t1", true, new PageRequest(100, null, false))).Items.Count);
        Assert.Equal(first + 3, await Store.NextNumberAsync());
    }

    private async Task<List<string>> CounterNamesAsync()
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM counters WHERE name LIKE 'n%' ORDER BY name COLLATE BINARY";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
