using System.Diagnostics;
using System.Reflection;

namespace Tickets.Infra.Tests;

/// <summary>The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64), and the repository it checks.</summary>
public static class Bicep
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string InfraDirectory { get; } = Path.Combine(RepositoryRoot, "infra");

    private static readonly Lazy<string> Executable = new(() =>
    {
        var path = Metadata("BicepPath");
        if (!File.Exists(path))
            throw new FileNotFoundException("Bicep CLI not restored; run `dotnet restore tests/Tickets.Infra.Tests`.", path);

        // NuGet does not keep the executable bit on every platform.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
        return path;
    });

    /// <summary>Runs the CLI; the result carries the exit code and everything it printed.</summary>
    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InfraDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        // Parameter files read secrets from the environment; the checks must not depend on the caller's shell.
        foreach (var variable in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("TICKETS_", StringComparison.Ordinal)))
            start.Environment.Remove(variable);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Bicep CLI.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }

        return new BicepResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Every Bicep and parameter file under infra/, relative to it.</summary>
    public static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(InfraDirectory, "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(InfraDirectory, f))
            .Order(StringComparer.Ordinal);

    private static string Metadata(string key) =>
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see Tickets.Infra.Tests.csproj.");
}

public sealed record BicepResult(int ExitCode, string Output, string Diagnostics)
{
    /// <summary>Clean means exit code 0 and no diagnostic at all: the CLI prints warnings and errors to stderr.</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(Diagnostics);

    public override string ToString() => $"exit {ExitCode}\n{Diagnostics}";
}
