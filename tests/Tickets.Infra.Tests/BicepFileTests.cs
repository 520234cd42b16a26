namespace Tickets.Infra.Tests;

/// <summary>`bicep build` and `bicep lint` of every file under infra/ report nothing at all.</summary>
public sealed class BicepFileTests
{
    public static TheoryData<string> Files() => [.. Bicep.SourceFiles()];

    [Theory]
    [MemberData(nameof(Files))]
    public void FileBuildsWithoutDiagnostics(string file)
    {
        var result = file.EndsWith(".bicepparam", StringComparison.Ordinal)
            ? Bicep.Run("build-params", file, "--stdout")
            : Bicep.Run("build", file, "--stdout");

        Assert.True(result.IsClean, $"bicep build {file}: {result}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void FileLintsWithoutDiagnostics(string file)
    {
        var result = Bicep.Run("lint", file);

        Assert.True(result.IsClean, $"bicep lint {file}: {result}");
    }

    [Fact]
    public void EveryEnvironmentHasAParameterFile()
    {
        Assert.Equal(["main.dev.bicepparam", "main.prod.bicepparam"], Bicep.SourceFiles().Where(f => f.EndsWith(".bicepparam", StringComparison.Ordinal)));
    }

    // Guards the two checks above: a file with a linter warning must not count as clean.
    [Fact]
    public void LintCheckCatchesAWarning()
    {
        var directory = Directory.CreateTempSubdirectory("tickets-lint-").FullName;
        try
        {
            var file = Path.Combine(directory, "unused.bicep");
            File.WriteAllText(file, "param unused string\n");

            var result = Bicep.Run("lint", file);

            Assert.False(result.IsClean);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
