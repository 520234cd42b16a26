// Tickets: the whole system in one resource group (docs/deploy.md walks through it).
//   Function App (Flex Consumption, dotnet-isolated 10.0, system-assigned identity)
//   Storage (host state, deployment package, attachments, inbound mail, queues)   Cosmos DB (tickets database)
//   Key Vault (JWT signing key, bootstrap admin, SMTP and IMAP passwords, inbound webhook secret)
//   Log Analytics + Application Insights               Static Web App (web/)
// Every data-plane access is the app identity with the roles in modules/roles.bicep; no keys,
// connection strings or passwords appear in app settings or outputs.
targetScope = 'resourceGroup'

@description('Environment name; part of every resource name.')
@allowed(['dev', 'prod'])
param environmentName string

@description('Short application name; part of every resource name.')
@minLength(2)
@maxLength(10)
param appName string = 'tickets'

@description('Region for everything except the Static Web App.')
param location string = resourceGroup().location

@description('Static Web Apps run in a few regions only.')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param staticWebAppLocation string

@allowed(['Free', 'Standard'])
param staticWebAppSku string = 'Free'

@description('Extra browser origins allowed to call the API, e.g. a custom domain of the front end (https://…).')
param additionalCorsOrigins string[] = []

@description('Cosmos DB capacity: serverless (default) or provisioned autoscale shared by the database.')
@allowed(['serverless', 'autoscale'])
param cosmosCapacityMode string = 'serverless'

@description('Autoscale ceiling in RU/s (autoscale mode only).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

param cosmosZoneRedundant bool = false

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_LRS'

@description('Days a deleted blob (an attachment, a host file) or container can still be restored.')
@minValue(1)
@maxValue(365)
param blobDeleteRetentionDays int = 7

@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 2048

@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Key Vault purge protection; cannot be turned off again once enabled.')
param keyVaultPurgeProtection bool = true

@description('Issuer of the access tokens the API signs.')
param jwtIssuer string = 'https://${appName}-${environmentName}'

@description('Audience of the access tokens the API signs.')
param jwtAudience string = '${appName}-api'

@description('Key id (kid) of the current signing key; change it together with the key when rotating.')
param jwtSigningKeyId string

@secure()
@description('Base64 JWT signing key (>= 256 bits). Give it on the first deployment and when rotating; empty keeps the stored one.')
param jwtSigningKey string = ''

@description('E-mail of the admin created at start when no active admin exists. Empty: no bootstrap admin.')
param bootstrapAdminEmail string = ''

@secure()
@description('Password of the bootstrap admin, stored only in Key Vault. Empty keeps the stored one.')
param bootstrapAdminPassword string = ''

@description('SMTP host for e-mail notifications. Empty: in-app notifications only.')
param smtpHost string = ''

param smtpPort int = 587
param smtpFrom string = ''
param smtpUsername string = ''

@secure()
@description('SMTP password, stored only in Key Vault. Empty keeps the stored one.')
param smtpPassword string = ''

@description('The support mailbox (Tickets:Mail:SupportAddress): sender and Reply-To of every e-mail, the address people write to. Empty: the address in smtpFrom.')
param supportAddress string = ''

@description('IMAP host of the support mailbox the app polls for incoming mail, e.g. outlook.office365.com. Empty: no polling.')
param inboundImapHost string = ''

@minValue(1)
@maxValue(65535)
param inboundImapPort int = 993

param inboundImapUsername string = ''
param inboundImapFolder string = 'INBOX'

@secure()
@description('Password (or app password) of the IMAP mailbox, stored only in Key Vault. Empty keeps the stored one.')
param inboundImapPassword string = ''

@description('How the poll signs in to the mailbox: password (the Key Vault secret above), or oauth2 — XOAUTH2 with a token of the app\'s managed identity, what Exchange Online requires (docs/email.md: grant it IMAP.AccessAsApp and the mailbox).')
@allowed(['', 'password', 'oauth2'])
param inboundImapSignIn string = 'password'

// An unset repository variable reaches the parameter file as an empty string.
var imapSignIn = empty(inboundImapSignIn) ? 'password' : inboundImapSignIn

@description('Turns on the signed webhook POST /inbound/email (its secret is read from Key Vault; give inboundWebhookSecret on the deployment that turns it on).')
param inboundWebhookEnabled bool = false

@secure()
@description('HMAC key of the inbound webhook (32+ characters), stored only in Key Vault. Empty keeps the stored one.')
param inboundWebhookSecret string = ''

@description('NCRONTAB schedule of the mailbox poll (Tickets:Inbound:PollSchedule).')
param inboundPollSchedule string = '0 * * * * *'

@description('Mail from an address that is no account: reject (one polite answer a day) or create (an account with role user).')
@allowed(['reject', 'create'])
param inboundUnknownSenders string = 'reject'

@description('Days a raw incoming message is kept in the inbound-mail container before the lifecycle rule deletes it.')
@minValue(1)
@maxValue(3650)
param inboundMailRetentionDays int = 30

param tags object = {}

// The application's own names (src/Tickets.Shared): Tickets.Infra.Tests keeps them in step.
var cosmosDatabaseName = 'tickets'
var attachmentsContainerName = 'attachments'
var inboundMailContainerName = 'inbound-mail'
var queueNames = ['notifications', 'sla-checks', 'sla-replans', 'account-emails', 'notification-emails', 'inbound-mail', 'notifications-poison', 'sla-checks-poison', 'sla-replans-poison', 'account-emails-poison', 'notification-emails-poison', 'inbound-mail-poison']

var secretNames = {
  jwtSigningKey: 'jwt-signing-key'
  bootstrapAdminPassword: 'bootstrap-admin-password'
  smtpPassword: 'smtp-password'
  inboundImapPassword: 'inbound-imap-password'
  inboundWebhookSecret: 'inbound-webhook-secret'
}

var token = uniqueString(resourceGroup().id, appName, environmentName)
var allTags = union(tags, { application: appName, environment: environmentName })
var names = {
  functionApp: 'func-${appName}-${environmentName}-${token}'
  plan: 'plan-${appName}-${environmentName}-${token}'
  storage: take(toLower('st${appName}${environmentName}${token}'), 24)
  deploymentContainer: 'app-package'
  cosmos: 'cosmos-${appName}-${environmentName}-${token}'
  keyVault: take('kv-${appName}-${environmentName}-${token}', 24)
  logAnalytics: 'log-${appName}-${environmentName}-${token}'
  appInsights: 'appi-${appName}-${environmentName}-${token}'
  staticWebApp: 'stapp-${appName}-${environmentName}-${token}'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSku
    deploymentContainerName: names.deploymentContainer
    queueNames: queueNames
    attachmentsContainerName: attachmentsContainerName
    deleteRetentionDays: blobDeleteRetentionDays
    // Only blobs with this tag are ever deleted by the lifecycle backstop, a week after the sweep's 24 h.
    unreferencedTag: { name: 'attachment-state', value: 'unreferenced' }
    unreferencedBackstopDays: 7
    inboundMailContainerName: inboundMailContainerName
    inboundMailRetentionDays: inboundMailRetentionDays
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: names.cosmos
    location: location
    tags: allTags
    databaseName: cosmosDatabaseName
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    zoneRedundant: cosmosZoneRedundant
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultPurgeProtection
    secretNames: secretNames
    jwtSigningKey: jwtSigningKey
    bootstrapAdminPassword: bootstrapAdminPassword
    smtpPassword: smtpPassword
    inboundImapPassword: inboundImapPassword
    inboundWebhookSecret: inboundWebhookSecret
  }
}

module web 'modules/staticwebapp.bicep' = {
  name: 'web'
  params: {
    name: names.staticWebApp
    location: staticWebAppLocation
    tags: allTags
    sku: staticWebAppSku
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
    allowedOrigins: concat([web.outputs.url], additionalCorsOrigins)
    appSettings: {
      // Host storage through the identity (blobs only; the app's queues have their own connection).
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=${environmentName}'
      Tickets__Store: 'Cosmos'
      Tickets__DemoData: 'false'
      Tickets__Cosmos__Endpoint: cosmos.outputs.endpoint
      Tickets__Cosmos__Database: cosmos.outputs.databaseName
      Tickets__Queues__Connection__queueServiceUri: storage.outputs.queueEndpoint
      Tickets__Queues__Connection__credential: 'managedidentity'
      // Attachments through the identity too: data contributor on the container, and user-delegation keys for the
      // short read-only links (shared keys are off, so an account-key SAS could not work here).
      Tickets__Blobs__Connection__blobServiceUri: storage.outputs.blobEndpoint
      Tickets__Blobs__Connection__credential: 'managedidentity'
      Tickets__Jwt__Issuer: jwtIssuer
      Tickets__Jwt__Audience: jwtAudience
      Tickets__Jwt__SigningKeys__0__Id: jwtSigningKeyId
      Tickets__Jwt__SigningKeys__0__Key: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.jwtSigningKey}/)'
      // The timers' NCRONTAB schedules, which the Functions host reads from these settings (%…% in the attributes),
      // and the web front end's address for the links in notification e-mail.
      Tickets__Outbox__RelaySchedule: '*/30 * * * * *'
      Tickets__Sla__SweepSchedule: '0 */5 * * * *'
      Tickets__AutoCloseSchedule: '0 */10 * * * *'
      Tickets__Notifications__EmailSweepSchedule: '0 * * * * *'
      Tickets__Audit__SweepSchedule: '0 */5 * * * *'
      Tickets__Attachments__SweepSchedule: '0 17 * * * *'
      Tickets__Inbound__PollSchedule: inboundPollSchedule
      Tickets__Inbound__SweepSchedule: '0 23 4 * * *'
      Tickets__PublicUrl: web.outputs.url
      // Incoming mail: each raw message is kept in this container, then queued on inbound-mail (docs/email.md).
      Tickets__Inbound__Container: storage.outputs.inboundMailContainerName
      Tickets__Inbound__UnknownSenders: inboundUnknownSenders
    }
    optionalAppSettings: union(
      empty(bootstrapAdminEmail)
        ? {}
        : {
            Tickets__BootstrapAdmin__Email: bootstrapAdminEmail
            Tickets__BootstrapAdmin__Password: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.bootstrapAdminPassword}/)'
          },
      empty(smtpHost)
        ? {}
        : {
            Tickets__Smtp__Host: smtpHost
            Tickets__Smtp__Port: string(smtpPort)
            Tickets__Smtp__From: smtpFrom
            Tickets__Smtp__Username: smtpUsername
            Tickets__Smtp__Password: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.smtpPassword}/)'
          },
      empty(supportAddress) ? {} : { Tickets__Mail__SupportAddress: supportAddress },
      empty(inboundImapHost)
        ? {}
        : {
            Tickets__Inbound__Imap__Host: inboundImapHost
            Tickets__Inbound__Imap__Port: string(inboundImapPort)
            Tickets__Inbound__Imap__UseTls: 'true'
            Tickets__Inbound__Imap__UserName: inboundImapUsername
            Tickets__Inbound__Imap__Folder: inboundImapFolder
            Tickets__Inbound__Imap__SignIn: imapSignIn
          },
      empty(inboundImapHost) || imapSignIn != 'password'
        ? {}
        : {
            Tickets__Inbound__Imap__Password: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.inboundImapPassword}/)'
          },
      // Only once the secret is in the vault: an unresolved reference would hand the app its own text as the key.
      inboundWebhookEnabled
        ? {
            Tickets__Inbound__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.inboundWebhookSecret}/)'
          }
        : {}
    )
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    queueNames: queueNames
    attachmentsContainerName: storage.outputs.attachmentsContainerName
    inboundMailContainerName: storage.outputs.inboundMailContainerName
    cosmosAccountName: cosmos.outputs.accountName
    cosmosDatabaseName: cosmos.outputs.databaseName
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

output resourceGroupName string = resourceGroup().name
output functionAppName string = functionApp.outputs.name
output apiUrl string = '${functionApp.outputs.url}/api'
output staticWebAppName string = web.outputs.name
output webUrl string = web.outputs.url
output storageAccountName string = storage.outputs.name
output cosmosAccountName string = cosmos.outputs.accountName
output cosmosEndpoint string = cosmos.outputs.endpoint
output keyVaultName string = keyVault.outputs.name
output appInsightsName string = monitoring.outputs.appInsightsName
