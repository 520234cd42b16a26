namespace Tickets.Infra.Tests;

/// <summary>The deployment names what the deploy workflow and the operator need next.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class OutputTests(CompiledTemplate compiled)
{
    [Fact]
    public void OutputsNameTheUrlsAndResources()
    {
        string[] required = ["apiUrl", "webUrl", "functionAppName", "staticWebAppName", "keyVaultName", "cosmosAccountName", "storageAccountName", "appInsightsName"];

        Assert.Subset(compiled.Main.Outputs.Select(o => o.Key).ToHashSet(), required.ToHashSet());
    }

    [Fact]
    public void DeployWorkflowReadsOnlyDeclaredOutputs()
    {
        var workflow = File.ReadAllText(Path.Combine(Bicep.RepositoryRoot, ".github", "workflows", "deploy.yml"));
        var used = System.Text.RegularExpressions.Regex.Matches(workflow, @"properties\.outputs\.(\w+)\.value").Select(m => m.Groups[1].Value).Distinct();

        Assert.Subset(compiled.Main.Outputs.Select(o => o.Key).ToHashSet(), used.ToHashSet());
    }
}
