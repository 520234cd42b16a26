using 'main.bicep'

// Development: serverless Cosmos DB, small scale-out, no purge protection so the group can be torn down.
param environmentName = 'dev'
param staticWebAppLocation = 'westeurope'
param cosmosCapacityMode = 'serverless'
param functionMaximumInstanceCount = 10
param keyVaultPurgeProtection = false
param logRetentionInDays = 30
param jwtSigningKeyId = 'dev-1'

// Secrets come from the environment of whoever deploys (see docs/deploy.md); unset means "keep the stored one".
param jwtSigningKey = readEnvironmentVariable('TICKETS_JWT_SIGNING_KEY', '')
param bootstrapAdminEmail = readEnvironmentVariable('TICKETS_BOOTSTRAP_ADMIN_EMAIL', '')
param bootstrapAdminPassword = readEnvironmentVariable('TICKETS_BOOTSTRAP_ADMIN_PASSWORD', '')
param smtpHost = readEnvironmentVariable('TICKETS_SMTP_HOST', '')
param smtpFrom = readEnvironmentVariable('TICKETS_SMTP_FROM', '')
param smtpUsername = readEnvironmentVariable('TICKETS_SMTP_USERNAME', '')
param smtpPassword = readEnvironmentVariable('TICKETS_SMTP_PASSWORD', '')

// Incoming mail (docs/email.md): the support address, the mailbox to poll and the signed webhook. Unset: none of them.
param supportAddress = readEnvironmentVariable('TICKETS_SUPPORT_ADDRESS', '')
param inboundImapHost = readEnvironmentVariable('TICKETS_INBOUND_IMAP_HOST', '')
param inboundImapUsername = readEnvironmentVariable('TICKETS_INBOUND_IMAP_USERNAME', '')
param inboundImapPassword = readEnvironmentVariable('TICKETS_INBOUND_IMAP_PASSWORD', '')
param inboundImapSignIn = readEnvironmentVariable('TICKETS_INBOUND_IMAP_SIGNIN', 'password')
param inboundWebhookEnabled = readEnvironmentVariable('TICKETS_INBOUND_WEBHOOK_ENABLED', '') == 'true'
param inboundWebhookSecret = readEnvironmentVariable('TICKETS_INBOUND_WEBHOOK_SECRET', '')
