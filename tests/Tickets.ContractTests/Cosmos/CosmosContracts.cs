namespace Tickets.ContractTests.Cosmos;

// Each contract runs twice for Cosmos: on @vercel/cosmosdb-server (CI) and on the emulator or an account when configured.
// The endpoint attribute decides, per case, whether that endpoint can run it; if not, the case is skipped with the reason.

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerUserStoreContract() : UserStoreContract(new CosmosDbServerStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerRefreshTokenStoreContract() : RefreshTokenStoreContract(new CosmosDbServerStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerLoginThrottleStoreContract() : LoginThrottleStoreContract(new CosmosDbServerStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerTicketStoreContract() : TicketStoreContract(new CosmosDbServerStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerIdempotencyStoreContract() : IdempotencyStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountUserStoreContract() : UserStoreContract(new CosmosAccountStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountRefreshTokenStoreContract() : RefreshTokenStoreContract(new CosmosAccountStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountLoginThrottleStoreContract() : LoginThrottleStoreContract(new CosmosAccountStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountTicketStoreContract() : TicketStoreContract(new CosmosAccountStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountIdempotencyStoreContract() : IdempotencyStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerOutboxStoreContract() : OutboxStoreContract(new CosmosDbServerStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerNotificationStoreContract() : NotificationStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountOutboxStoreContract() : OutboxStoreContract(new CosmosAccountStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountNotificationStoreContract() : NotificationStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerPasswordTokenStoreContract() : PasswordTokenStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountPasswordTokenStoreContract() : PasswordTokenStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerRequestBudgetStoreContract() : RequestBudgetStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountRequestBudgetStoreContract() : RequestBudgetStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerPendingRegistrationStoreContract() : PendingRegistrationStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountPendingRegistrationStoreContract() : PendingRegistrationStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerTeamStoreContract() : TeamStoreContract(new CosmosDbServerStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerCategoryStoreContract() : CategoryStoreContract(new CosmosDbServerStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerTicketTeamStoreContract() : TicketTeamStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountTeamStoreContract() : TeamStoreContract(new CosmosAccountStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountCategoryStoreContract() : CategoryStoreContract(new CosmosAccountStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountTicketTeamStoreContract() : TicketTeamStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerAuditStoreContract() : AuditStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountAuditStoreContract() : AuditStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerAuditRelayContract() : CosmosAuditRelayContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountAuditRelayContract() : CosmosAuditRelayContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerSlaPolicyStoreContract() : SlaPolicyStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountSlaPolicyStoreContract() : SlaPolicyStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerUploadStoreContract() : UploadStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountUploadStoreContract() : UploadStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerInboundMailStoreContract() : InboundMailStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountInboundMailStoreContract() : InboundMailStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerSavedViewStoreContract() : SavedViewStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountSavedViewStoreContract() : SavedViewStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerMacroStoreContract() : MacroStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountMacroStoreContract() : MacroStoreContract(new CosmosAccountStore());

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerReportStoreContract() : ReportStoreContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountReportStoreContract() : ReportStoreContract(new CosmosAccountStore());
