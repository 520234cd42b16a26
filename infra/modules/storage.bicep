// The Function App's storage: host state (blobs), the deployment package container, the private
// `attachments` container (ticket files; docs/attachments.md), the private `inbound-mail` container (raw incoming
// messages; docs/email.md) and the application's queues.
// Shared-key access is off; every client authenticates with Entra ID, so the app's download links
// are user-delegation SAS signed with a key its identity asks for (Storage Blob Delegator).

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Storage redundancy.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param skuName string

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Queues the application reads and writes, poison queues included.')
param queueNames string[]

@description('The private container of ticket attachments (blob name = upload id).')
param attachmentsContainerName string

@description('Days a deleted blob or container can still be restored (blob and container soft delete).')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

@description('Blob index tag the app sets on an upload while no ticket or comment references it (the lifecycle backstop deletes only these).')
param unreferencedTag {
  name: string
  value: string
}

@description('Days after creation an attachment still tagged unreferenced is deleted by the lifecycle backstop (the app\'s sweep removes them after 24 h).')
@minValue(2)
param unreferencedBackstopDays int

@description('The private container of raw incoming messages (blob name = the door\'s id for the message).')
param inboundMailContainerName string

@description('Days after creation a raw incoming message is deleted (it has been processed within minutes).')
@minValue(1)
param inboundMailRetentionDays int

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

// Soft delete keeps a deleted blob (and a deleted container) restorable for a few days: the sweep and
// DELETE /attachments/{id} delete for good only after that. Versioning stays off: attachment blobs are
// written once under a fresh upload id and never overwritten, so versions would protect nothing that soft
// delete does not, while the host's lease and timer blobs, rewritten all day, would pile up versions.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    isVersioningEnabled: false
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Ticket files. Never public: every download is a short read-only SAS the API hands out after checking the caller.
resource attachmentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: attachmentsContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Incoming mail as it arrived (RFC 5322), written by the mailbox poll and the webhook before they queue it. Never
// public; kept only for a while (the lifecycle rule below) to look into what a message was and to process it again.
resource inboundMailContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: inboundMailContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The backstop for uploads the app's sweep missed (it removes unreferenced ones after 24 h): a blob of the
// attachments container still carrying the unreferenced tag days later is deleted (also one whose upload crashed
// before its record was stored, which the sweep cannot see). Only tagged blobs match: the app writes each upload
// tagged unreferenced and tags it referenced before it confirms the upload attached (docs/attachments.md).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'attachments-unreferenced'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${attachmentsContainer.name}/']
              blobIndexMatch: [
                {
                  name: unreferencedTag.name
                  op: '=='
                  value: unreferencedTag.value
                }
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: unreferencedBackstopDays
                }
              }
            }
          }
        }
        // Raw incoming messages: what they became is in the ticket store; the raw copy is not kept for ever.
        {
          name: 'inbound-mail-expiry'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${inboundMailContainer.name}/']
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: inboundMailRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output attachmentsContainerName string = attachmentsContainer.name
output inboundMailContainerName string = inboundMailContainer.name
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
