using System.Text.Json.Nodes;
using Tickets.Attachments;
using Tickets.Inbound;
using Tickets.Messaging;

namespace Tickets.Infra.Tests;

/// <summary>
/// The storage account holds the application's queues, its private attachments and inbound-mail containers, keeps
/// deleted blobs for a while, and only accepts Entra ID over TLS 1.2.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class StorageTests(CompiledTemplate compiled)
{
    private ArmTemplate Storage => compiled.Main.Module("storage");

    private JsonNode Account => Storage.Single("Microsoft.Storage/storageAccounts")["properties"]!;

    private JsonNode BlobService => Storage.Single("Microsoft.Storage/storageAccounts/blobServices")["properties"]!;

    private JsonObject Container(string nameParameter) =>
        Assert.Single(Storage.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => ((string)c["name"]!).EndsWith($"parameters('{nameParameter}'))]", StringComparison.Ordinal));

    private JsonNode LifecycleRule(string name) =>
        Assert.Single(Storage.Single("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray(),
            r => (string?)r!["name"] == name)!;

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
        var container = Container("deploymentContainerName");

        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    [Fact]
    public void AttachmentsContainerNameMatchesApplication()
    {
        Assert.Equal(AttachmentNames.Container, (string?)compiled.Main.ModuleArgument("storage", "attachmentsContainerName"));
    }

    [Fact]
    public void AttachmentsContainerIsPrivate()
    {
        var container = Container("attachmentsContainerName");

        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    [Fact]
    public void DeletedBlobsAndContainersCanBeRestoredForAWeek()
    {
        var retention = (
            Blobs: ((bool?)BlobService["deleteRetentionPolicy"]!["enabled"], (string?)BlobService["deleteRetentionPolicy"]!["days"]),
            Containers: ((bool?)BlobService["containerDeleteRetentionPolicy"]!["enabled"], (string?)BlobService["containerDeleteRetentionPolicy"]!["days"]),
            Default: (int?)compiled.Main.Parameters["blobDeleteRetentionDays"]!["defaultValue"]);

        Assert.Equal(
            (Blobs: (true, "[parameters('deleteRetentionDays')]"), Containers: (true, "[parameters('deleteRetentionDays')]"), Default: 7),
            retention);
    }

    [Fact]
    public void BlobRetentionDaysArePassedToTheStorageModule()
    {
        Assert.Equal("[parameters('blobDeleteRetentionDays')]", (string?)compiled.Main.ModuleArgument("storage", "deleteRetentionDays"));
    }

    [Fact]
    public void LifecycleBackstopDeletesOnlyAttachmentsTaggedUnreferenced()
    {
        var rule = LifecycleRule("attachments-unreferenced");
        var filters = rule["definition"]!["filters"]!;
        var tag = Assert.Single(filters["blobIndexMatch"]!.AsArray())!;
        var passed = compiled.Main.ModuleArgument("storage", "unreferencedTag")!;

        Assert.Equal(
            (Enabled: (bool?)true,
             Prefix: "[format('{0}/', parameters('attachmentsContainerName'))]",
             Match: "[parameters('unreferencedTag').name] == [parameters('unreferencedTag').value]",
             Tag: "attachment-state=unreferenced"),
            (Enabled: (bool?)rule["enabled"],
             Prefix: (string?)Assert.Single(filters["prefixMatch"]!.AsArray()),
             Match: $"{(string?)tag["name"]} {(string?)tag["op"]} {(string?)tag["value"]}",
             Tag: $"{(string?)passed["name"]}={(string?)passed["value"]}"));
    }

    [Fact]
    public void LifecycleBackstopWaitsLongAfterTheSweep()
    {
        var options = new AttachmentOptions();
        var action = LifecycleRule("attachments-unreferenced")["definition"]!["actions"]!["baseBlob"]!["delete"]!;
        var days = (int)compiled.Main.ModuleArgument("storage", "unreferencedBackstopDays")!;

        Assert.Equal("[parameters('unreferencedBackstopDays')]", (string?)action["daysAfterCreationGreaterThan"]);
        Assert.True(TimeSpan.FromDays(days) >= 2 * (options.UnreferencedLifetime + options.ClaimGrace) + TimeSpan.FromDays(1),
            $"The backstop ({days} days) must leave the hourly sweep many tries after an upload's {options.UnreferencedLifetime} lifetime.");
    }

    [Fact]
    public void InboundMailContainerNameMatchesApplication()
    {
        Assert.Equal(
            (Storage: new InboundOptions().Container, Setting: "[reference('storage').outputs.inboundMailContainerName.value]"),
            (Storage: (string?)compiled.Main.ModuleArgument("storage", "inboundMailContainerName"),
             Setting: (string?)compiled.Main.ModuleArgument("functionApp", "appSettings")!["Tickets__Inbound__Container"]));
    }

    [Fact]
    public void InboundMailContainerIsPrivate()
    {
        var container = Container("inboundMailContainerName");

        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    [Fact]
    public void RawInboundMailIsDeletedAfterThirtyDays()
    {
        var rule = LifecycleRule("inbound-mail-expiry");
        var filters = rule["definition"]!["filters"]!;

        Assert.Equal(
            (Enabled: (bool?)true,
             Prefix: "[format('{0}/', parameters('inboundMailContainerName'))]",
             Tagged: false,
             After: "[parameters('inboundMailRetentionDays')]",
             Passed: "[parameters('inboundMailRetentionDays')]",
             Default: (int?)30),
            (Enabled: (bool?)rule["enabled"],
             Prefix: (string?)Assert.Single(filters["prefixMatch"]!.AsArray()),
             Tagged: filters.AsObject().ContainsKey("blobIndexMatch"),
             After: (string?)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"],
             Passed: (string?)compiled.Main.ModuleArgument("storage", "inboundMailRetentionDays"),
             Default: (int?)compiled.Main.Parameters["inboundMailRetentionDays"]!["defaultValue"]));
    }
}
