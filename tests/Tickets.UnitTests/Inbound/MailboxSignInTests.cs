using Azure.Core;
using Azure.Identity;
using Tickets.Inbound;

namespace Tickets.UnitTests.Inbound;

public sealed class MailboxSignInTests
{
    private sealed class RecordingCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken("eyJ0eXAi.token.sig", DateTimeOffset.UtcNow.AddHours(1)));
        }
    }

    [Fact]
    public async Task OAuth2SignsTheMailboxInWithXOAuth2AndATokenForExchangeOnline()
    {
        var credential = new RecordingCredential();
        var imap = new ImapOptions { Host = "outlook.office365.com", UserName = "soporte@contoso.com", SignIn = ImapSignIn.OAuth2 };

        var mechanism = await new MailboxSignIn(imap, credential).MechanismAsync(CancellationToken.None);

        Assert.Equal("XOAUTH2", mechanism.MechanismName);
        Assert.Equal(("soporte@contoso.com", "eyJ0eXAi.token.sig"), (mechanism.Credentials.UserName, mechanism.Credentials.Password));
        Assert.Equal(["https://outlook.office365.com/.default"], Assert.Single(credential.Scopes));
    }

    [Fact]
    public void AClientSecretMeansTheAppRegistrationAndNoneTheManagedIdentity()
    {
        Assert.IsType<ClientSecretCredential>(MailboxSignIn.CredentialFor(new ImapOptions
        {
            SignIn = ImapSignIn.OAuth2, TenantId = "00000000-0000-0000-0000-000000000001", ClientId = "00000000-0000-0000-0000-000000000002", ClientSecret = "s3cr3t",
        }));
        Assert.IsType<DefaultAzureCredential>(MailboxSignIn.CredentialFor(new ImapOptions { SignIn = ImapSignIn.OAuth2, ClientId = "00000000-0000-0000-0000-000000000002" }));
    }

    [Fact]
    public void AClientSecretNeedsItsTenantAndClient()
    {
        var options = new InboundOptions { Imap = new ImapOptions { Host = "outlook.office365.com", UserName = "soporte@contoso.com", SignIn = ImapSignIn.OAuth2, ClientSecret = "s3cr3t" } };

        Assert.Equal(["Imap:TenantId", "Imap:ClientId"], InboundOptions.Rules(options).Select(r => r.Key));
        options.Imap.TenantId = "t";
        options.Imap.ClientId = "c";
        Assert.Empty(InboundOptions.Rules(options));
    }
}
