using BenchmarkDotNet.Running;
using Tickets.Bench;

// dotnet run -c Release --project bench/Tickets.Bench -- http [--seconds 5] [--concurrency 4] [--tickets 10000,100000]
// dotnet run -c Release --project bench/Tickets.Bench -- micro [BenchmarkDotNet arguments]
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(HttpBench).Assembly).Run(args[1..]);
    return 0;
}

return await HttpBench.RunAsync(args.Length > 0 && args[0] == "http" ? args[1..] : args);
