using System.Globalization;

namespace Tickets.Bench.Load;

/// <summary>The load bench's options; <c>--smoke</c> is the test suite's tiny, fast run of the same driver.</summary>
public sealed record LoadOptions
{
    public IReadOnlyList<int> Sizes { get; init; } = [2_000, 10_000, 100_000, 1_000_000];
    public int Seconds { get; init; } = 8;
    public int WarmUpSeconds { get; init; } = 3;
    public int Connections { get; init; } = 16;
    public int Threads { get; init; } = 2;
    public bool Smoke { get; init; }
    public bool Azurite { get; init; } = true;

    /// <summary>Only the operations whose name contains one of these (the two ceilings always run); empty: all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Where the table goes besides the console: bench/README.md's results block unless --no-readme.</summary>
    public bool WriteReadme { get; init; } = true;

    /// <summary>Also writes the table to this file.</summary>
    public string? Output { get; init; }

    /// <summary>How the bench was started, for the table's header.</summary>
    public string Command { get; init; } = "bash bench/run.sh";

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToArray() },
                "--seconds" => options with { Seconds = Number() },
                "--warmup" => options with { WarmUpSeconds = Number() },
                "--connections" => options with { Connections = Number() },
                "--threads" => options with { Threads = Number() },
                "--only" => options with { Only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--no-azurite" => options with { Azurite = false },
                "--no-readme" => options with { WriteReadme = false },
                "--output" => options with { Output = Next() },
                "--command" => options with { Command = Next() },
                "--smoke" => options with { Smoke = true, Sizes = [200], Seconds = 1, WarmUpSeconds = 0, WriteReadme = false },
                var unknown => throw new ArgumentException($"Unknown option {unknown}."),
            };
        }

        return options;
    }
}
