using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Identity;

namespace Tickets.Budgets;

/// <summary>A budget every account has: <see cref="Quota"/> uses per <see cref="Window"/>.</summary>
public sealed record BudgetPolicy(string Name, int Quota, TimeSpan Window);

/// <summary>
/// What a request left of its caller's budgets: whether it was granted, and the policy closest to exhaustion (the one that
/// refused it) with the uses left of it and the time until its window is renewed.
/// </summary>
public readonly record struct BudgetSpend(bool Granted, BudgetPolicy Policy, long Remaining, TimeSpan ResetAfter);

/// <summary>
/// Per-account budgets, shared by every instance of the app (<c>Tickets:Limits</c>): every request of a signed-in account
/// counts against <see cref="Requests"/>, every write also against <see cref="Writes"/>, in fixed one-minute windows.
/// <para>
/// The count lives in the store (<see cref="IRequestBudgetStore"/>), but a request does not write it: an instance takes a
/// block of uses from the store's guarded counter and spends it here with <see cref="Interlocked"/>, going back to the store
/// only when the block is spent. Blocks are a tenth of the quota, and shrink to one as the window's count nears the quota;
/// the store never counts past it, so the instances together never grant more than the quota in a window. The price is
/// the other way round: what an instance holds unspent is lost to the others for the window, so an account whose calls
/// spread over n instances may be refused up to n − 1 blocks early, and the remaining count an answer reports is this
/// instance's view. Once the store has none left, the account is refused here until the window ends, without
/// asking the store again. State is kept per account, policy and window, and a window's state goes when the next begins.
/// </para>
/// </summary>
public sealed partial class RequestBudgets
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly IRequestBudgetStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<RequestBudgets> _logger;
    private readonly ConcurrentDictionary<AllowanceKey, Allowance> _allowances = new();
    private long _currentWindow;

    public RequestBudgets(IRequestBudgetStore store, IOptions<LimitsOptions> options, TimeProvider time, ILogger<RequestBudgets> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        var limits = options.Value;
        Requests = new BudgetPolicy("requests", limits.RequestsPerUserPerMinute, Minute);
        Writes = new BudgetPolicy("writes", limits.WritesPerUserPerMinute, Minute);
        Policies = [Requests, Writes];
        Lookups = new BudgetPolicy("lookups", limits.LookupsPerUserPerMinute, Minute);
    }

    /// <summary>Every request of a signed-in account.</summary>
    public BudgetPolicy Requests { get; }

    /// <summary>Requests that create or change something.</summary>
    public BudgetPolicy Writes { get; }

    public IReadOnlyList<BudgetPolicy> Policies { get; }

    /// <summary>
    /// Directory look-ups (finding an account by e-mail), spent by the route itself on top of the request: small, so the
    /// directory cannot be enumerated quickly. Not in <see cref="Policies"/>: only that route answers with it.
    /// </summary>
    public BudgetPolicy Lookups { get; }

    /// <summary>Accounts, policies and windows held in memory now (tests check that ended windows go).</summary>
    internal int Tracked => _allowances.Count;

    /// <summary>
    /// Spends one request of <paramref name="account"/>'s budget, and one write when <paramref name="write"/>. A request
    /// refused by <see cref="Requests"/> spends no write; a write refused by <see cref="Writes"/> has spent its request.
    /// </summary>
    public async ValueTask<BudgetSpend> SpendAsync(string account, bool write, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var window = now - now % Minute.Ticks;
        var resetAfter = TimeSpan.FromTicks(window + Minute.Ticks - now);
        ForgetEndedWindows(window);

        var requests = await SpendAsync(account, Requests, 0, window, cancellationToken);
        if (!requests.Granted || !write) return new BudgetSpend(requests.Granted, Requests, requests.Remaining, resetAfter);

        var writes = await SpendAsync(account, Writes, 1, window, cancellationToken);
        var closest = !writes.Granted || (double)writes.Remaining / Writes.Quota <= (double)requests.Remaining / Requests.Quota;
        return closest
            ? new BudgetSpend(writes.Granted, Writes, writes.Remaining, resetAfter)
            : new BudgetSpend(true, Requests, requests.Remaining, resetAfter);
    }

    /// <summary>Spends one of <paramref name="account"/>'s <see cref="Lookups"/>, in the same windows and store as the other budgets.</summary>
    public async ValueTask<BudgetSpend> SpendLookupAsync(string account, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var window = now - now % Minute.Ticks;
        ForgetEndedWindows(window);
        var (granted, remaining) = await SpendAsync(account, Lookups, 2, window, cancellationToken);
        return new BudgetSpend(granted, Lookups, remaining, TimeSpan.FromTicks(window + Minute.Ticks - now));
    }

    /// <summary>The 429 for a refused spend: a stable code, the policy it exhausted, Retry-After when its window is renewed.</summary>
    public static Error Exceeded(BudgetSpend spend) =>
        new(ErrorKind.TooManyRequests, "rate_limited", "Too many requests.",
            $"This account has used its budget of {spend.Policy.Quota} {spend.Policy.Name} per minute. Wait before trying again (see Retry-After).")
        {
            RetryAfter = spend.ResetAfter > TimeSpan.Zero ? spend.ResetAfter : TimeSpan.FromSeconds(1),
            Extensions = new Dictionary<string, object?> { ["policy"] = spend.Policy.Name },
        };

    /// <summary>The block to ask the store for: a tenth of the quota, less as the window's count nears it, at least one.</summary>
    internal static int BlockOf(int quota, long counted) => (int)Math.Clamp(Math.Min(quota / 10, (quota - counted) / 4), 1, quota);

    private ValueTask<(bool Granted, long Remaining)> SpendAsync(string account, BudgetPolicy policy, int index, long window, CancellationToken cancellationToken)
    {
        var key = new AllowanceKey(account, index, window);
        if (!_allowances.TryGetValue(key, out var allowance))
            allowance = _allowances.GetOrAdd(key, static _ => new Allowance());

        if (allowance.TrySpend()) return new((true, allowance.Remaining(policy.Quota)));
        if (allowance.Exhausted) return new((false, 0));
        return RefillAndSpendAsync(allowance, account, policy, window, cancellationToken);
    }

    /// <summary>One caller per allowance goes to the store; the others wait and spend what it brought.</summary>
    private async ValueTask<(bool Granted, long Remaining)> RefillAndSpendAsync(
        Allowance allowance, string account, BudgetPolicy policy, long window, CancellationToken cancellationToken)
    {
        await allowance.Refilling.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                if (allowance.TrySpend()) return (true, allowance.Remaining(policy.Quota));
                if (allowance.Exhausted) return (false, 0);

                var take = await _store.TakeAsync($"budget:{policy.Name}:{account}", new DateTimeOffset(window, TimeSpan.Zero), policy.Window,
                    policy.Quota, BlockOf(policy.Quota, allowance.Counted), cancellationToken);
                allowance.Add(take);
                if (take.Granted == 0) LogExhausted(_logger, account, policy.Name, policy.Quota);
            }
        }
        finally
        {
            allowance.Refilling.Release();
        }
    }

    /// <summary>The first request of a new window drops every allowance of earlier ones (one pass a minute).</summary>
    private void ForgetEndedWindows(long window)
    {
        var current = Volatile.Read(ref _currentWindow);
        if (window <= current || Interlocked.CompareExchange(ref _currentWindow, window, current) != current) return;
        foreach (var (key, _) in _allowances)
        {
            if (key.Window < window) _allowances.TryRemove(key, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account} has used its {Policy} budget of {Quota} per minute: refused until the minute ends")]
    private static partial void LogExhausted(ILogger logger, string account, string policy, int quota);

    private readonly record struct AllowanceKey(string Account, int Policy, long Window);

    /// <summary>One account's uses of one policy in one window, as this instance holds them.</summary>
    private sealed class Allowance
    {
        private int _left;
        private long _counted;
        private volatile bool _exhausted;

        public SemaphoreSlim Refilling { get; } = new(1, 1);

        public bool Exhausted => _exhausted;

        /// <summary>The window's count in the store at the last take: every instance's blocks, this one's included.</summary>
        public long Counted => Volatile.Read(ref _counted);

        public bool TrySpend()
        {
            var left = Volatile.Read(ref _left);
            while (left > 0)
            {
                var seen = Interlocked.CompareExchange(ref _left, left - 1, left);
                if (seen == left) return true;
                left = seen;
            }

            return false;
        }

        /// <summary>What is left to this account as far as this instance knows: the store's unclaimed uses and its own unspent ones.</summary>
        public long Remaining(int quota) => Math.Max(0, quota - Counted + Volatile.Read(ref _left));

        public void Add(BudgetTake take)
        {
            Volatile.Write(ref _counted, take.Counted);
            if (take.Granted > 0) Interlocked.Add(ref _left, take.Granted);
            else _exhausted = true;
        }
    }
}
