using Tickets.Messaging;

namespace Tickets.Infra.Tests;

/// <summary>The storage account holds the application's queues and only accepts Entra ID over TLS 1.2.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class StorageTests(CompiledTemplate compiled)
{
    private ArmTemplate Storage => compiled.Main.Module("storage");

    private System.Text.Json.Nodes.JsonNode Account => Storage.Single("Microsoft.Storage/storageAccounts")["properties"]!;

    [Fact]
    public void QueueNamesMatchApplication()
    {
        var declared = compiled.Main.ModuleArgument("storage", "queueNames")!.AsArray().Select(q => (string)q!);

        Assert.Equal(QueueNames.All.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDeclaredQueueIsCreated()
    {
        var queues = Storage.Single("Microsoft.Storage/storageAccounts/queueServices/queues");

        Assert.Equal("[length(parameters('queueNames'))]", (string?)queues["copy"]!["count"]);
    }

    [Fact]
    public void StorageAccountDisallowsSharedKeyAccess()
    {
        Assert.Equal((false, true), ((bool?)Account["allowSharedKeyAccess"], (bool?)Account["defaultToOAuthAuthentication"]));
    }

    [Fact]
    public void StorageAccountIsHttpsOnlyWithTls12()
    {
        Assert.Equal((true, "TLS1_2"), ((bool?)Account["supportsHttpsTrafficOnly"], (string?)Account["minimumTlsVersion"]));
    }

    [Fact]
    public void StorageAccountDisallowsAnonymousBlobAccess()
    {
        Assert.False((bool?)Account["allowBlobPublicAccess"]);
    }

    [Fact]
    public void DeploymentPackageContainerExists()
    {
        var container = Storage.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }
}
