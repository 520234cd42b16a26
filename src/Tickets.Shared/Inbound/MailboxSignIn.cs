using Azure.Core;
using Azure.Identity;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Tickets.Inbound;

/// <summary>
/// Signs the mailbox poll in: with the user name and password, or (<see cref="ImapSignIn.OAuth2"/>, what Exchange Online
/// requires) with SASL XOAUTH2 and an application token from Microsoft Entra ID for <c>Imap:Scope</c>. The credential
/// caches its token and renews it before it expires.
/// </summary>
public sealed class MailboxSignIn
{
    private readonly ImapOptions _imap;
    private readonly Lazy<TokenCredential> _credential;

    public MailboxSignIn(IOptions<InboundOptions> options)
        : this(options.Value.Imap, null)
    {
    }

    /// <param name="credential">The token source; null: the one <see cref="CredentialFor"/> makes from the settings.</param>
    public MailboxSignIn(ImapOptions imap, TokenCredential? credential)
    {
        _imap = imap;
        _credential = new Lazy<TokenCredential>(() => credential ?? CredentialFor(imap));
    }

    /// <summary>The app registration's client secret when one is set, else the (user-assigned, with a client id) managed identity.</summary>
    public static TokenCredential CredentialFor(ImapOptions imap) =>
        !string.IsNullOrWhiteSpace(imap.ClientSecret)
            ? new ClientSecretCredential(imap.TenantId, imap.ClientId, imap.ClientSecret)
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(imap.ClientId) ? null : imap.ClientId });

    public async Task SignInAsync(ImapClient client, CancellationToken cancellationToken)
    {
        if (_imap.SignIn == ImapSignIn.Password)
        {
            await client.AuthenticateAsync(_imap.UserName ?? "", _imap.Password ?? "", cancellationToken);
            return;
        }

        await client.AuthenticateAsync(await MechanismAsync(cancellationToken), cancellationToken);
    }

    /// <summary>XOAUTH2 for the mailbox (the user name) with a token for the scope.</summary>
    public async Task<SaslMechanismOAuth2> MechanismAsync(CancellationToken cancellationToken)
    {
        var token = await _credential.Value.GetTokenAsync(new TokenRequestContext([_imap.Scope]), cancellationToken);
        return new SaslMechanismOAuth2(_imap.UserName ?? "", token.Token);
    }
}
