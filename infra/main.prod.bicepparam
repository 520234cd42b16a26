using 'main.bicep'

// Production: serverless Cosmos DB by default (switch to autoscale when traffic is steady),
// zone-redundant storage, purge protection on, longer log retention.
param environmentName = 'prod'
param staticWebAppLocation = 'westeurope'
param staticWebAppSku = 'Standard'
param cosmosCapacityMode = 'serverless'
param cosmosAutoscaleMaxThroughput = 4000
param storageSku = 'Standard_ZRS'
param functionMaximumInstanceCount = 100
param keyVaultPurgeProtection = true
param logRetentionInDays = 90
param jwtSigningKeyId = 'prod-1'

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
