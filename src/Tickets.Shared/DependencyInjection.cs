using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tickets.Administration;
using Tickets.Administration.Audit;
using Tickets.Administration.Categories;
using Tickets.Administration.Teams;
using Tickets.Attachments;
using Tickets.Budgets;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Email;
using Tickets.Idempotency;
using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Sla;
using Tickets.Sla.Policies;
using Tickets.Stats;
using Tickets.Startup;
using Tickets.Storage;
using Tickets.Storage.Cosmos;
using Tickets.Storage.Sqlite;
using Tickets.Storage.Sqlite.Administration;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets;

public static class DependencyInjection
{
    /// <summary>
    /// Everything the product needs, for every host (Functions worker, local host, tests): one composition.
    /// </summary>
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration)
    {
        // Time comes from TimeProvider so tests can move it.
        services.TryAddSingleton(TimeProvider.System);

        // Identity: own JWTs, refresh-token rotation, password-attempt throttling; every setting checked at start-up.
        services.AddValidatedOptions<JwtOptions>(configuration, JwtOptions.Section);
        services.AddValidatedOptions<LoginThrottleOptions>(configuration, LoginThrottleOptions.Section);
        services.AddValidatedOptions<LimitsOptions>(configuration, LimitsOptions.Section);
        services.AddValidatedOptions<BootstrapAdminOptions>(configuration, BootstrapAdminOptions.Section, BootstrapAdminOptions.Rules);
        services.AddSingleton<TokenService>();
        services.AddSingleton<RefreshTokenSuccessors>();
        services.AddSingleton<ServerKeys>();
        services.AddSingleton<SignedCursors>();
        services.AddSingleton<Passwords>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ClientAddress>();
        services.AddScoped<PasswordAttempts>();
        services.AddScoped<IdentityService>();

        // Per-account request and write budgets (Tickets:Limits), counted in the store so every instance shares them.
        services.AddSingleton<RequestBudgets>();

        // Set-password links (forgot password, invitations), e-mailed through the outbox and the account-emails queue.
        services.AddValidatedOptions<PasswordResetOptions>(configuration, PasswordResetOptions.Section);
        services.AddSingleton<PasswordTokenSecrets>();
        services.AddScoped<ResetRequestLimits>();
        services.AddScoped<PasswordResets>();
        services.AddScoped<AccountEmailDelivery>();

        // Registration: with e-mail verification (the default) a sign-up is kept pending until its e-mailed link is confirmed.
        services.AddValidatedOptions<RegistrationOptions>(configuration, RegistrationOptions.Section);
        services.AddScoped<Registrations>();
        services.AddScoped<RegistrationEmails>();

        // Users.
        services.AddScoped<UserAccounts>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<StaffDirectory>();

        // Idempotency-Key claims are leases: an unfinished one is taken over after Tickets:Idempotency:Lease.
        services.AddValidatedOptions<IdempotencyOptions>(configuration, IdempotencyOptions.Section);

        // Administration: configuration kept in the store (read through short-lived caches) and the admin audit log.
        services.AddValidatedOptions<AdministrationOptions>(configuration, AdministrationOptions.Section);
        services.AddValidatedOptions<AuditOptions>(configuration, AuditOptions.Section, AuditOptions.Rules);
        services.AddSingleton(typeof(StoreCache<>));
        services.AddScoped<AuditLog>();

        // Teams and categories (routing): admins manage them; ticket create reads them through the caches above.
        services.AddSingleton<TeamDirectories>();
        services.AddSingleton<CategoryCatalogs>();
        services.AddScoped<TeamAdministration>();
        services.AddScoped<CategoryAdministration>();
        services.AddScoped<IConfigurationSeeder, CategorySeeder>();

        // Tickets: the aggregate's configured rules, SLA policy, assignment, the routes' service, stats.
        services.AddTicketsCore(configuration);

        // Messaging: one queue client from Tickets:Queues:Connection, the outbox sent after each commit and relayed by a timer.
        services.AddTicketsQueues(configuration);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IQueueSender, StorageQueueSender>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddScoped<OutboxRelay>();
        services.AddScoped<TicketOutbox>();
        services.AddSingleton<QueueHealth>();

        // Notifications: the inbox routes, delivery from the queue, e-mail when Tickets:Smtp:Host is set.
        services.AddOptions<PublicUrlOptions>().Bind(configuration.GetSection("Tickets"));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        if (!string.IsNullOrWhiteSpace(configuration["Tickets:Smtp:Host"]))
            services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        services.AddValidatedOptions<NotificationEmailOptions>(configuration, NotificationEmailOptions.Section);
        services.AddValidatedOptions<UserOptions>(configuration, UserOptions.Section);
        services.AddScoped<NotificationService>();
        services.AddScoped<NotificationDelivery>();
        services.AddScoped<NotificationEmails>();
        services.AddScoped<Email.OnceOnlyEmail>();

        // Storage, chosen by Tickets:Store.
        services.AddTicketsStore(configuration);

        // Start-up: schema, bootstrap admin, demo data.
        services.AddScoped<IDemoDataSeeder, DemoUsersSeeder>();
        services.AddScoped<IDemoDataSeeder, DemoTeamSeeder>();
        services.AddScoped<IDemoDataSeeder, DemoTicketsSeeder>();
        services.AddHostedService<TicketsInitializer>();
        return services;
    }

    private static void AddTicketsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TicketOptions>(configuration, TicketOptions.Section, TicketOptionsRules.Check);
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlaOptions>, SlaOptionsValidator>();
        services.AddValidatedOptions<AssignmentOptions>(configuration, AssignmentOptions.Section);
        // The policy the Tickets:Sla settings describe: seeds an empty store; tickets run on the stored versions (SlaPolicies).
        services.AddSingleton<SlaPolicy>();
        services.AddSingleton<SlaPolicies>();
        services.AddSingleton<SlaSeeder>();
        services.AddScoped<SlaAdministration>();
        services.AddScoped<SlaReplanner>();
        services.AddSingleton<TicketRules>();
        services.AddScoped<TicketViews>();
        services.AddScoped<AutoAssigner>();
        services.AddScoped<TicketService>();
        // Bulk: one action over many tickets, each through its own TicketService call.
        services.AddScoped<Tickets.Bulk.BulkService>();
        services.AddScoped<TicketWriter>();
        // Links and merges: two tickets each, both sides through the one ticket writer.
        services.AddScoped<TicketLinkService>();
        // The CSV export: the list's filters, every page by keyset, streamed (Tickets:Export caps it).
        services.AddValidatedOptions<Tickets.Export.TicketExportOptions>(configuration, Tickets.Export.TicketExportOptions.Section, Tickets.Export.TicketExportOptions.Rules);
        services.AddScoped<Tickets.Export.TicketExport>();
        // Attachments: uploads claimed by the ticket or comment that references them (the blobs are wired with the store).
        services.AddValidatedOptions<Attachments.AttachmentOptions>(configuration, Attachments.AttachmentOptions.Section, Attachments.AttachmentOptions.Rules);
        services.AddScoped<Attachments.AttachmentClaims>();
        // Their bytes: the attachments container of Tickets:Blobs:Connection; uploads, links and the sweep of unused ones.
        services.AddTicketsBlobs(configuration);
        services.AddScoped<Attachments.AttachmentService>();
        services.AddScoped<Attachments.AttachmentSweep>();

        // The e-mail channel's way in (Tickets:Inbound): two doors (the signed webhook, the mailbox poll) keep raw mail
        // and queue it on inbound-mail; the processor makes each message a ticket, a comment or a recorded refusal,
        // acting as its sender; the sweep keeps the records for their lifetime; admins read the channel's state.
        services.AddValidatedOptions<Inbound.InboundOptions>(configuration, Inbound.InboundOptions.Section, Inbound.InboundOptions.Rules);
        services.AddScoped<Inbound.InboundWebhook>();
        services.AddSingleton<Inbound.MailboxSignIn>();
        services.AddScoped<Inbound.MailboxPoller>();
        services.AddScoped<Inbound.InboundMailProcessor>();
        services.AddScoped<Inbound.IInboundDesk, Inbound.SenderDesk>();
        services.AddScoped<Inbound.IInboundAccounts, Inbound.MailAccounts>();
        services.AddScoped<Inbound.InboundMailSweep>();
        services.AddScoped<Inbound.InboundStatus>();
        // Saved views: named queries of the ticket list that the staff queue shows as tabs.
        services.AddScoped<SavedViews.SavedViewService>();
        // Resolution links: signed confirm/reopen links in resolved e-mails, and their anonymous answers.
        services.AddSingleton<Tickets.Resolution.ResolutionLinkTokens>();
        services.AddSingleton<Tickets.Resolution.IResolutionLinks, Tickets.Resolution.ResolutionLinks>();
        services.AddScoped<Tickets.Resolution.ResolutionAnswers>();
        // Macros (canned responses): staff's personal and shared replies, applied to a ticket as one change.
        services.AddScoped<Macros.MacroService>();
        // CCs, followers and the people finder: who else is on a ticket.
        services.AddScoped<Collaboration.TicketCollaboration>();
        services.AddScoped<SystemTicketChanges>();
        services.AddScoped<AutoCloser>();
        services.AddOptions<SlaSweepOptions>().Bind(configuration.GetSection(SlaSweepOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SlaEscalation>();
        services.AddScoped<StatsService>();
        // Reports: business-time figures over the per-ticket report projection both stores keep with the ticket.
        services.AddScoped<Reports.ReportService>();
    }

    private static void AddTicketsStore(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration["Tickets:Store"] ?? "Sqlite";
        switch (store.ToLowerInvariant())
        {
            case "sqlite":
                services.AddValidatedOptions<SqliteOptions>(configuration, SqliteOptions.Section,
                    o => string.IsNullOrWhiteSpace(o.Path) ? [("Path", "Must name the database file.")] : []);
                services.AddSingleton<SqliteDatabase>();
                services.AddSingleton<IStoreInitializer>(sp => sp.GetRequiredService<SqliteDatabase>());
                services.AddSingleton<IUserStore, SqliteUserStore>();
                services.AddSingleton<IRefreshTokenStore, SqliteRefreshTokenStore>();
                services.AddSingleton<ILoginThrottleStore, SqliteLoginThrottleStore>();
                services.AddSingleton<IRequestBudgetStore, SqliteRequestBudgetStore>();
                services.AddSingleton<IPasswordTokenStore, SqlitePasswordTokenStore>();
                services.AddSingleton<IPendingRegistrationStore, SqlitePendingRegistrationStore>();
                services.AddSingleton<ITicketStore, SqliteTicketStore>();
                services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
                services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
                services.AddSingleton<INotificationStore, SqliteNotificationStore>();
                services.AddSingleton<ITeamStore, SqliteTeamStore>();
                services.AddSingleton<ICategoryStore, SqliteCategoryStore>();
                services.AddSingleton<IAuditStore, SqliteAuditStore>();
                services.AddSingleton<ISlaPolicyStore, SqliteSlaPolicyStore>();
                services.AddSingleton<Attachments.IUploadStore, Storage.Sqlite.Attachments.SqliteUploadStore>();
                services.AddSingleton<Inbound.IInboundMailStore, Storage.Sqlite.Inbound.SqliteInboundMailStore>();
                services.AddSingleton<SavedViews.ISavedViewStore, Storage.Sqlite.Views.SqliteSavedViewStore>();
                services.AddSingleton<Macros.IMacroStore, Storage.Sqlite.Macros.SqliteMacroStore>();
                services.AddSingleton<Reports.IReportStore, Storage.Sqlite.Reports.SqliteReportStore>();
                break;
            case "cosmos":
                services.AddCosmosStore(configuration);
                break;
            default:
                throw new InvalidOperationException($"Tickets:Store '{store}' is not supported: use Sqlite or Cosmos.");
        }
    }
}
