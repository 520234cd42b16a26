using System.Text.Json.Nodes;

namespace Tickets.Infra.Tests;

/// <summary>main.bicep compiled once to ARM JSON in a temporary directory and shared by the tests.</summary>
public sealed class CompiledTemplate : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tickets-infra-").FullName;

    public CompiledTemplate()
    {
        var outputFile = Path.Combine(_directory, "main.json");
        var result = Bicep.Run("build", "main.bicep", "--outfile", outputFile);
        Assert.True(result.ExitCode == 0, $"bicep build main.bicep failed: {result}");
        Main = new ArmTemplate(JsonNode.Parse(File.ReadAllText(outputFile))!.AsObject());
        Text = File.ReadAllText(outputFile);
    }

    public ArmTemplate Main { get; }

    /// <summary>The whole template as text, for checks that must hold anywhere in it.</summary>
    public string Text { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled main.bicep";
}
