using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.Users;
using Xunit.Abstractions;

namespace Tickets.ContractTests.Cosmos;

/// <summary>
/// What each store operation costs in request units, measured from the charges the engine reports, against the budgets
/// docs/cosmos.md promises (its estimates with headroom): a point read that became a query, or a query that lost its
/// index, fails here. Prints the measured table. Only engines that report real charges can run it: the emulator and
/// accounts (cosmosdb-server reports 1 RU for every request).
/// </summary>
public abstract class RequestChargeContract : StoreContract
{
    private static readonly TicketRules Rules = new(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));
    private static readonly Actor Requester = new("requester-1", "Úrsula Usuaria", Role.User, "Contabilidad");
    private static readonly Actor Technician = new("tech-1", "Tomás Técnico", Role.Technician, "Soporte");

    private readonly RequestChargeMeter _meter;
    private readonly ITestOutputHelper _output;
    private readonly List<(string Operation, double Charge, double Budget)> _measured = [];

    protected RequestChargeContract(IStoreUnderTest store, ITestOutputHelper output)
        : this(new RequestChargeMeter(), store, output)
    {
    }

    private RequestChargeContract(RequestChargeMeter meter, IStoreUnderTest store, ITestOutputHelper output)
        : base(new MeteredStore(store, meter))
    {
        _meter = meter;
        _output = output;
    }

    private async Task<T> Measure<T>(string operation, double budget, Func<Task<T>> call)
    {
        _meter.Reset();
        var result = await call();
        _measured.Add((operation, _meter.Total, budget));
        return result;
    }

    [StoreFact]
    public async Task EveryOperationStaysWithinItsRequestUnitBudget()
    {
        var users = Get<IUserStore>();
        var tickets = Get<ITicketStore>();
        var now = Time.GetUtcNow();
        var user = new global::Tickets.Users.User
        {
            Id = Guid.NewGuid().ToString("N"), Email = "ursula@example.org", Dni = "12345678", Phone = "+34 600 000 000",
            FirstNames = "Úrsula", LastNames = "Usuaria", Department = "Contabilidad", Role = Role.User, Active = true,
            PasswordHash = "hash", CreatedAt = now, UpdatedAt = now,
        };

        await Measure("create user", 30, () => users.CreateAsync(user));
        await Measure("find user by id", 2, () => users.FindByIdAsync(user.Id));
        await Measure("find user by e-mail", 4, () => users.FindByEmailAsync(user.Email));
        var stored = (await users.FindByIdAsync(user.Id))!;
        await Measure("update user", 20, () => users.UpdateAsync(stored with { Department = "Finanzas" }));
        await Measure("list users, page of 25", 10, () => users.ListAsync(new UserQuery([], null, null, null, new PageRequest(25, null, false))));

        var number = await Measure("next ticket number", 12, () => tickets.NextNumberAsync());
        var change = Ticket.Create(Guid.NewGuid().ToString("N"), number, new CreateTicketRequest("La impresora no imprime", "Sale en blanco.", "high"),
            Requester, Rules, now).Value;
        var ticket = (await Measure("create ticket (lookup + batch)", 45, () => tickets.CreateAsync(change)))!;
        await Measure("get ticket by id", 3, () => tickets.FindAsync(ticket.Id));
        await Measure("get ticket by number", 5, () => tickets.FindByNumberAsync(ticket.Number));
        var comment = ticket.AddComment(Technician, "c1", new CommentRequest("Voy para allá."), Rules, now).Value;
        await Measure("comment (batch)", 50, () => tickets.SaveAsync(comment, ticket.ETag));
        await Measure("list tickets, page of 25", 15, () => tickets.ListAsync(new TicketQuery { Page = new PageRequest(25, null, false) }));
        await Measure("list tickets by -priority", 15, () => tickets.ListAsync(new TicketQuery { Sort = TicketSort.PriorityDescending, Page = new PageRequest(25, null, false) }));
        await Measure("comments page", 8, () => tickets.ListCommentsAsync(ticket.Id, true, new PageRequest(25, null, false)));
        await Measure("history page", 8, () => tickets.ListHistoryAsync(ticket.Id, true, new PageRequest(25, null, false)));
        await Measure("stats: figures of 30 days", 15, () => tickets.FiguresAsync(now.AddDays(-30), now));
        await Measure("stats: open load", 5, () => tickets.OpenLoadAsync());

        _output.WriteLine("| operation | measured RU | budget |");
        _output.WriteLine("|---|---|---|");
        foreach (var (operation, charge, budget) in _measured)
            _output.WriteLine($"| {operation} | {charge:0.##} | {budget} |");
        Assert.All(_measured, m => Assert.True(m.Charge > 0, $"{m.Operation}: the engine reported no charge"));
        Assert.All(_measured, m => Assert.True(m.Charge <= m.Budget, $"{m.Operation}: {m.Charge:0.##} RU, over its budget of {m.Budget}"));
    }

    /// <summary>The store under test, with the meter in its client's pipeline.</summary>
    private sealed class MeteredStore(IStoreUnderTest store, RequestChargeMeter meter) : IStoreUnderTest
    {
        public IReadOnlyDictionary<string, string?> Settings(string uniqueName) => store.Settings(uniqueName);

        public void ConfigureServices(IServiceCollection services)
        {
            store.ConfigureServices(services);
            services.PostConfigure<CosmosClientOptions>(options => options.CustomHandlers.Add(meter));
        }

        public Task DropAsync(IServiceProvider services, string uniqueName) => store.DropAsync(services, uniqueName);
    }

    /// <summary>Adds up the request charge of every response since the last reset.</summary>
    private sealed class RequestChargeMeter : RequestHandler
    {
        private double _total;

        public double Total => Volatile.Read(ref _total);

        public void Reset() => Volatile.Write(ref _total, 0);

        public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            double current, added;
            do
            {
                current = Volatile.Read(ref _total);
                added = current + response.Headers.RequestCharge;
            }
            while (Interlocked.CompareExchange(ref _total, added, current) != current);
            return response;
        }
    }
}

[CosmosAccountEndpoint]
public sealed class CosmosAccountRequestChargeContract(ITestOutputHelper output) : RequestChargeContract(new CosmosAccountStore(), output);
