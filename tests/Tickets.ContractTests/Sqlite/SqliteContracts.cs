namespace Tickets.ContractTests.Sqlite;

public sealed class SqliteUserStoreContract() : UserStoreContract(new SqliteStore());

public sealed class SqliteRefreshTokenStoreContract() : RefreshTokenStoreContract(new SqliteStore());

public sealed class SqliteLoginThrottleStoreContract() : LoginThrottleStoreContract(new SqliteStore());

public sealed class SqliteTicketStoreContract() : TicketStoreContract(new SqliteStore());

public sealed class SqliteIdempotencyStoreContract() : IdempotencyStoreContract(new SqliteStore());

public sealed class SqliteOutboxStoreContract() : OutboxStoreContract(new SqliteStore());

public sealed class SqliteNotificationStoreContract() : NotificationStoreContract(new SqliteStore());

public sealed class SqlitePasswordTokenStoreContract() : PasswordTokenStoreContract(new SqliteStore());

public sealed class SqliteRequestBudgetStoreContract() : RequestBudgetStoreContract(new SqliteStore());

public sealed class SqlitePendingRegistrationStoreContract() : PendingRegistrationStoreContract(new SqliteStore());

public sealed class SqliteTeamStoreContract() : TeamStoreContract(new SqliteStore());

public sealed class SqliteCategoryStoreContract() : CategoryStoreContract(new SqliteStore());

public sealed class SqliteTicketTeamStoreContract() : TicketTeamStoreContract(new SqliteStore());

public sealed class SqliteAuditStoreContract() : AuditStoreContract(new SqliteStore());

public sealed class SqliteSlaPolicyStoreContract() : SlaPolicyStoreContract(new SqliteStore());

public sealed class SqliteUploadStoreContract() : UploadStoreContract(new SqliteStore());

public sealed class SqliteInboundMailStoreContract() : InboundMailStoreContract(new SqliteStore());

public sealed class SqliteSavedViewStoreContract() : SavedViewStoreContract(new SqliteStore());
public sealed class SqliteMacroStoreContract() : MacroStoreContract(new SqliteStore());

public sealed class SqliteReportStoreContract() : ReportStoreContract(new SqliteStore());
