using System.Text.Json.Nodes;
using Tickets.Inbound;

namespace Tickets.Infra.Tests;

/// <summary>The API runs on Flex Consumption as dotnet-isolated 10.0, HTTPS only, configured for Cosmos and queues through its identity.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppTests(CompiledTemplate compiled)
{
    private ArmTemplate FunctionApp => compiled.Main.Module("functionApp");

    private JsonNode Site => FunctionApp.Single("Microsoft.Web/sites");

    private JsonObject AppSettings => compiled.Main.ModuleArgument("functionApp", "appSettings")!.AsObject();

    [Fact]
    public void FunctionAppRunsOnFlexConsumption()
    {
        var sku = FunctionApp.Single("Microsoft.Web/serverfarms")["sku"]!;

        Assert.Equal(("FC1", "FlexConsumption"), ((string?)sku["name"], (string?)sku["tier"]));
    }

    [Fact]
    public void FunctionAppRunsDotnetIsolated10()
    {
        var runtime = Site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal(("dotnet-isolated", "10.0"), ((string?)runtime["name"], (string?)runtime["version"]));
    }

    [Fact]
    public void FunctionAppHasSystemAssignedIdentity()
    {
        Assert.Equal("SystemAssigned", (string?)Site["identity"]!["type"]);
    }

    [Fact]
    public void DeploymentPackageIsReadWithTheAppIdentity()
    {
        var storage = Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal(("blobContainer", "SystemAssignedIdentity"), ((string?)storage["type"], (string?)storage["authentication"]!["type"]));
    }

    [Fact]
    public void FunctionAppIsHttpsOnlyWithTls12()
    {
        var properties = Site["properties"]!;

        Assert.Equal(
            (true, "1.2", "1.2"),
            ((bool?)properties["httpsOnly"], (string?)properties["siteConfig"]!["minTlsVersion"], (string?)properties["siteConfig"]!["scmMinTlsVersion"]));
    }

    [Fact]
    public void PublishingWithUserNameAndPasswordIsOff()
    {
        var policies = FunctionApp.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal([false, false], policies.Select(p => (bool?)p["properties"]!["allow"]));
    }

    [Fact]
    public void BrowsersMayCallTheApiOnlyFromTheStaticWebApp()
    {
        var cors = Site["properties"]!["siteConfig"]!["cors"]!;

        Assert.Equal(
            ("[parameters('allowedOrigins')]", "[concat(createArray(reference('web').outputs.url.value), parameters('additionalCorsOrigins'))]", 0),
            ((string?)cors["allowedOrigins"], (string?)compiled.Main.ModuleArgument("functionApp", "allowedOrigins"), compiled.Main.Parameters["additionalCorsOrigins"]!["defaultValue"]!.AsArray().Count));
    }

    [Fact]
    public void AppSettingsConfigureTheApplication()
    {
        var expected = new Dictionary<string, string>
        {
            ["Tickets__Store"] = "Cosmos",
            ["Tickets__DemoData"] = "false",
            ["Tickets__Cosmos__Endpoint"] = "[reference('cosmos').outputs.endpoint.value]",
            ["Tickets__Cosmos__Database"] = "[reference('cosmos').outputs.databaseName.value]",
            ["Tickets__Queues__Connection__queueServiceUri"] = "[reference('storage').outputs.queueEndpoint.value]",
            ["Tickets__Blobs__Connection__blobServiceUri"] = "[reference('storage').outputs.blobEndpoint.value]",
            ["Tickets__Jwt__Issuer"] = "[parameters('jwtIssuer')]",
            ["Tickets__Jwt__Audience"] = "[parameters('jwtAudience')]",
            ["Tickets__Jwt__SigningKeys__0__Id"] = "[parameters('jwtSigningKeyId')]",
            ["AzureWebJobsStorage__accountName"] = "[reference('storage').outputs.name.value]",
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "[reference('monitoring').outputs.appInsightsConnectionString.value]",
        };

        Assert.Equal(expected, expected.Keys.ToDictionary(k => k, k => (string?)AppSettings[k] ?? "(missing)"));
    }

    [Fact]
    public void MailboxPollScheduleIsAnAppSettingWithTheApplicationsDefault()
    {
        Assert.Equal(
            (Setting: "[parameters('inboundPollSchedule')]", Default: new InboundOptions().PollSchedule),
            (Setting: (string?)AppSettings["Tickets__Inbound__PollSchedule"], Default: (string?)compiled.Main.Parameters["inboundPollSchedule"]!["defaultValue"]));
    }

    [Fact]
    public void HostStorageUsesTheIdentityNotAConnectionString()
    {
        Assert.Equal(
            ("managedidentity", false),
            ((string?)AppSettings["AzureWebJobsStorage__credential"], AppSettings.ContainsKey("AzureWebJobsStorage")));
    }

    [Fact]
    public void AttachmentBlobsUseTheIdentityAtTheOptionsSection()
    {
        var section = AttachmentNames.AppSetting(AttachmentNames.ConnectionSection);

        Assert.Equal(
            (Uri: "[reference('storage').outputs.blobEndpoint.value]", Credential: "managedidentity", ConnectionString: false),
            (Uri: (string?)AppSettings[$"{section}__blobServiceUri"], Credential: (string?)AppSettings[$"{section}__credential"], ConnectionString: AppSettings.ContainsKey(section)));
    }

    [Fact]
    public void TelemetryIsSentWithEntraAuthentication()
    {
        var appInsights = compiled.Main.Module("monitoring").Single("Microsoft.Insights/components")["properties"]!;

        Assert.Equal(
            ("Authorization=AAD", true),
            ((string?)AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], (bool?)appInsights["DisableLocalAuth"]));
    }

    // Flex Consumption rejects these: the runtime lives in functionAppConfig.
    [Fact]
    public void NoSettingsThatFlexConsumptionRejects()
    {
        string[] rejected = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"];

        Assert.Equal("", string.Join(", ", rejected.Where(name => compiled.Text.Contains(name, StringComparison.Ordinal))));
    }
}
