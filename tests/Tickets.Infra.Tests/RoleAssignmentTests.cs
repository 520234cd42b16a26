using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tickets.Messaging;

namespace Tickets.Infra.Tests;

/// <summary>The app identity holds exactly the roles it needs, each at the narrowest scope, all declared in modules/roles.bicep.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledTemplate compiled)
{
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    private const string CosmosRoleAssignment = "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments";

    private static readonly Dictionary<string, string> RoleNames = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["db58b8e5-c6ad-4a2a-8342-4929eab66f7b"] = "Storage Blob Delegator",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["3913510d-42f4-4d42-8a07-a6e5f3bb0d36"] = "Monitoring Metrics Publisher",
        ["00000000-0000-0000-0000-000000000002"] = "Cosmos DB Built-in Data Contributor",
    };

    private ArmTemplate Roles => compiled.Main.Module("roles");

    private IEnumerable<JsonObject> Assignments => Roles.OfType(RoleAssignment).Concat(Roles.OfType(CosmosRoleAssignment));

    [Fact]
    public void AppIdentityHasExactlyTheRolesItNeeds()
    {
        string[] expected =
        [
            "Cosmos DB Built-in Data Contributor on the Cosmos database",
            "Key Vault Secrets User on Microsoft.KeyVault/vaults",
            "Monitoring Metrics Publisher on Microsoft.Insights/components",
            "Storage Blob Data Contributor on Microsoft.Storage/storageAccounts/blobServices/containers",
            "Storage Blob Data Contributor on Microsoft.Storage/storageAccounts/blobServices/containers",
            "Storage Blob Data Owner on Microsoft.Storage/storageAccounts",
            "Storage Blob Delegator on Microsoft.Storage/storageAccounts",
            "Storage Queue Data Contributor on Microsoft.Storage/storageAccounts/queueServices/queues",
        ];

        Assert.Equal(expected, Assignments.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RoleAssignmentsLiveOnlyInTheRolesModule()
    {
        var elsewhere = compiled.Main.SelfAndModules()
            .Where(m => m.Path != "main/roles")
            .SelectMany(m => m.Template.OfType(RoleAssignment).Concat(m.Template.OfType(CosmosRoleAssignment)).Select(_ => m.Path));

        Assert.Empty(elsewhere);
    }

    [Fact]
    public void EveryRoleAssignmentTargetsTheAppIdentity()
    {
        Assert.Equal(
            (Passed: "[reference('functionApp').outputs.principalId.value]", Assigned: "[parameters('principalId')]"),
            (Passed: (string?)compiled.Main.ModuleArgument("roles", "principalId"), Assigned: string.Join(" ", Assignments.Select(a => (string)a["properties"]!["principalId"]!).Distinct())));
    }

    [Fact]
    public void QueueRoleCoversExactlyTheApplicationQueues()
    {
        var queueRole = Assert.Single(Roles.OfType(RoleAssignment), a => ((string)a["scope"]!).Contains("/queues'", StringComparison.Ordinal));
        var queues = compiled.Main.ModuleArgument("roles", "queueNames")!.AsArray().Select(q => (string)q!);

        Assert.Equal(
            (PerQueue: "[length(parameters('queueNames'))]", Queues: string.Join(" ", QueueNames.All.Order(StringComparer.Ordinal))),
            (PerQueue: (string?)queueRole["copy"]?["count"], Queues: string.Join(" ", queues.Order(StringComparer.Ordinal))));
    }

    [Theory]
    [InlineData("attachmentsContainerName")]
    [InlineData("inboundMailContainerName")]
    public void BlobDataContributorIsScopedToEachApplicationContainer(string container)
    {
        var scope = $"[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('{container}'))]";
        var roles = Roles.OfType(RoleAssignment).Where(a => ((string)a["properties"]!["roleDefinitionId"]!).Contains("ba92f5b4-2d11-453d-a403-e96b0029c9fe", StringComparison.Ordinal));

        Assert.Equal(
            (Scopes: 1,
             Container: $"[reference('storage').outputs.{container}.value]",
             Created: $"[parameters('{container}')]"),
            (Scopes: roles.Count(a => (string?)a["scope"] == scope),
             Container: (string?)compiled.Main.ModuleArgument("roles", container),
             Created: (string?)compiled.Main.Module("storage").Outputs[container]!["value"]));
    }

    [Fact]
    public void CosmosRoleIsScopedToTheApplicationDatabase()
    {
        var cosmosRole = Roles.Single(CosmosRoleAssignment);

        Assert.Equal(
            ("[reference('cosmos').outputs.databaseName.value]", "[format('{0}/dbs/{1}', resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('cosmosAccountName')), parameters('cosmosDatabaseName'))]"),
            ((string?)compiled.Main.ModuleArgument("roles", "cosmosDatabaseName"), (string?)cosmosRole["properties"]!["scope"]));
    }

    // The deployer may grant only the roles docs/deploy.md lists (an RBAC admin with a condition): a role the template
    // assigns that the list lacks fails every deployment.
    [Fact]
    public void TheDeployerMayGrantEveryRoleTheTemplateAssigns()
    {
        var deploy = File.ReadAllText(Path.Combine(Bicep.RepositoryRoot, "docs", "deploy.md"));
        var allowed = Guid().Matches(Assert.Single(DeployerRoles().Matches(deploy)).Groups[1].Value).Select(m => m.Value);
        var assigned = Roles.OfType(RoleAssignment).Select(a => Guid().Match((string)a["properties"]!["roleDefinitionId"]!).Value).Distinct();

        Assert.Equal(assigned.Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
    }

    private static string Describe(JsonObject assignment)
    {
        var properties = assignment["properties"]!;
        var roleId = Guid().Match((string)properties["roleDefinitionId"]!).Value;
        var role = RoleNames.GetValueOrDefault(roleId, roleId);

        if ((string?)assignment["type"] == CosmosRoleAssignment)
            return ((string?)properties["scope"])?.Contains("/dbs/", StringComparison.Ordinal) == true ? $"{role} on the Cosmos database" : $"{role} on {(string?)properties["scope"]}";

        var scope = (string?)assignment["scope"] ?? "the resource group";
        return $"{role} on {ScopeType().Match(scope) switch { { Success: true } m => m.Groups[1].Value, _ => scope }}";
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"(?m)^ROLES='([^']*)'")]
    private static partial Regex DeployerRoles();

    [GeneratedRegex(@"^\[resourceId\('([^']+)'")]
    private static partial Regex ScopeType();
}
