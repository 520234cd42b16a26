using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tickets.Infra.Tests;

/// <summary>Secrets live in Key Vault only: app settings hold references, nothing reads account keys.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class SecretTests(CompiledTemplate compiled)
{
    private const string KeyVaultReference = "[format('@Microsoft.KeyVault(SecretUri=";

    // Not a secret: local auth is off on the component, so it cannot be used to ingest or read telemetry.
    private const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    // The default encoder writes ' as \u0027, which would hide parameters('x') from a text search.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IEnumerable<string> SecureParameters =>
        compiled.Main.Parameters.Where(p => (string?)p.Value!["type"] is "securestring" or "secureObject").Select(p => p.Key);

    [Fact]
    public void NoSecretInPlainAppSettings()
    {
        var settings = compiled.Main.ModuleArgument("functionApp", "appSettings")!.AsObject();

        var plain = settings
            .Where(s => SecretName().IsMatch(s.Key) && s.Key != AppInsightsConnectionString)
            .Where(s => !((string?)s.Value ?? "").StartsWith(KeyVaultReference, StringComparison.Ordinal))
            .Select(s => s.Key);

        Assert.Empty(plain);
    }

    [Fact]
    public void NoSecretInPlainOptionalAppSettings()
    {
        var optional = (string)compiled.Main.ModuleArgument("functionApp", "optionalAppSettings")!;

        var secretSettings = OptionalSecretSetting().Matches(optional);

        Assert.Equal(
            ["Tickets__BootstrapAdmin__Password", "Tickets__Smtp__Password", "Tickets__Inbound__Imap__Password", "Tickets__Inbound__WebhookSecret"],
            secretSettings.Where(m => m.Groups["value"].Value.StartsWith(KeyVaultReference[1..], StringComparison.Ordinal)).Select(m => m.Groups["name"].Value));
    }

    [Fact]
    public void JwtSigningKeyIsAKeyVaultReference()
    {
        var key = (string?)compiled.Main.ModuleArgument("functionApp", "appSettings")!["Tickets__Jwt__SigningKeys__0__Key"];

        Assert.StartsWith(KeyVaultReference, key);
    }

    [Fact]
    public void SecureParametersReachOnlyKeyVault()
    {
        var leaks =
            from module in compiled.Main.Resources.Where(r => (string?)r.Resource["type"] == "Microsoft.Resources/deployments" && r.Symbol != "keyVault")
            from parameter in SecureParameters
            where module.Resource["properties"]!["parameters"]!.ToJsonString(Unescaped).Contains($"parameters('{parameter}')", StringComparison.Ordinal)
            select $"{parameter} -> {module.Symbol}";

        Assert.Equal((5, ""), (SecureParameters.Count(), string.Join(", ", leaks)));
    }

    [Fact]
    public void SecureParametersAreWrittenOnlyAsKeyVaultSecrets()
    {
        var keyVault = compiled.Main.Module("keyVault");
        var secretValues = keyVault.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => (string?)s["properties"]!["value"]);

        Assert.Equal(
            ["[parameters('bootstrapAdminPassword')]", "[parameters('inboundImapPassword')]", "[parameters('inboundWebhookSecret')]",
             "[parameters('jwtSigningKey')]", "[parameters('smtpPassword')]"],
            secretValues.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NothingReadsAccountKeysOrConnectionStrings()
    {
        string[] forbidden = ["listKeys(", "listConnectionStrings(", "listAccountSas(", "listServiceSas(", "AccountKey=", "SharedAccessSignature", "primaryMasterKey"];

        Assert.Equal("", string.Join(", ", forbidden.Where(f => compiled.Text.Contains(f, StringComparison.OrdinalIgnoreCase))));
    }

    [Fact]
    public void KeyVaultUsesRbacAuthorization()
    {
        var vault = compiled.Main.Module("keyVault").Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.Equal((true, null), ((bool?)vault["enableRbacAuthorization"], vault["accessPolicies"]));
    }

    // An unresolved Key Vault reference reaches the app as its own text: the webhook's key must never be that, so the
    // reference is set only when the webhook is turned on (after its secret is written), and it is off by default.
    [Fact]
    public void InboundWebhookSecretIsReferencedOnlyWhenTheWebhookIsOn()
    {
        var optional = (string)compiled.Main.ModuleArgument("functionApp", "optionalAppSettings")!;

        Assert.Equal(
            (Default: (bool?)false, Guarded: true),
            (Default: (bool?)compiled.Main.Parameters["inboundWebhookEnabled"]!["defaultValue"],
             Guarded: optional.Contains("if(parameters('inboundWebhookEnabled'), createObject('Tickets__Inbound__WebhookSecret'", StringComparison.Ordinal)));
    }

    [Fact]
    public void NoDefaultBootstrapAdminPassword()
    {
        var password = compiled.Main.Parameters["bootstrapAdminPassword"]!;

        Assert.Equal(("securestring", ""), ((string?)password["type"], (string?)password["defaultValue"]));
    }

    [GeneratedRegex("(Key|Password|Secret|Token|ConnectionString)(__|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"'(?<name>\w*(Key|Password|Secret|Token)\w*)', (?<value>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex OptionalSecretSetting();
}
