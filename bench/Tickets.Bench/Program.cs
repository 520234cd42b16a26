using BenchmarkDotNet.Running;
using Tickets.Bench;
using Tickets.Bench.Load;

// bash bench/run.sh                  wrk against the local host and a minimal Kestrel app (see bench/README.md)
// Tickets.Bench wrk [options]        the same, without run.sh's build and wrk install
// Tickets.Bench bare --urls URL      the minimal Kestrel app alone (the bench starts it)
// Tickets.Bench micro [BenchmarkDotNet arguments]
return args switch
{
    ["micro", .. var rest] => RunMicro(rest),
    ["bare", .. var rest] => await BareKestrelApp.RunAsync(rest),
    ["wrk", .. var rest] => await LoadBench.RunAsync(rest),
    _ => await LoadBench.RunAsync(args),
};

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(TokenBenchmarks).Assembly).Run(args);
    return 0;
}
