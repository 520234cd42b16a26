// Key Vault (RBAC mode) for the app's secrets. Secret values enter only through @secure parameters
// and are written only here; the Function App reads them through Key Vault references.
// An empty parameter leaves the secret as it is, so routine deployments never touch or rotate it.

@description('Key Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Refuse purging deleted secrets for the retention period (cannot be turned off once on).')
param enablePurgeProtection bool

@description('Secret names, shared with the Function App settings.')
param secretNames {
  jwtSigningKey: string
  bootstrapAdminPassword: string
  smtpPassword: string
  inboundImapPassword: string
  inboundWebhookSecret: string
}

@secure()
@description('Base64 JWT signing key of at least 256 bits. Empty keeps the current secret.')
param jwtSigningKey string

@secure()
@description('First admin password. Empty keeps the current secret (or none).')
param bootstrapAdminPassword string

@secure()
@description('SMTP password. Empty keeps the current secret (or none).')
param smtpPassword string

@secure()
@description('Password of the polled IMAP mailbox. Empty keeps the current secret (or none).')
param inboundImapPassword string

@secure()
@description('HMAC key of the inbound webhook. Empty keeps the current secret (or none).')
param inboundWebhookSecret string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // ARM rejects an explicit false; leave it unset instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource jwtSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(jwtSigningKey)) {
  parent: vault
  name: secretNames.jwtSigningKey
  properties: {
    value: jwtSigningKey
    contentType: 'base64'
  }
}

resource bootstrapAdminPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(bootstrapAdminPassword)) {
  parent: vault
  name: secretNames.bootstrapAdminPassword
  properties: {
    value: bootstrapAdminPassword
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: secretNames.smtpPassword
  properties: {
    value: smtpPassword
  }
}

resource inboundImapPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(inboundImapPassword)) {
  parent: vault
  name: secretNames.inboundImapPassword
  properties: {
    value: inboundImapPassword
  }
}

resource inboundWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(inboundWebhookSecret)) {
  parent: vault
  name: secretNames.inboundWebhookSecret
  properties: {
    value: inboundWebhookSecret
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
