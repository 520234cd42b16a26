// Every role the Function App's identity holds, and nothing else. Each grant is the narrowest
// built-in role at the narrowest scope that works:
// - Storage Blob Data Owner on the account: the host keeps its locks, timers and keys in containers
//   it creates itself (azure-webjobs-*), and Flex Consumption pulls the package from the deployment
//   container. Contributor is not enough for identity-based AzureWebJobsStorage.
// - Storage Queue Data Contributor on each application queue: the triggers receive, update and
//   delete messages and move failures to the poison queue; the app enqueues. Processor + Sender
//   would lack the queue-level writes the trigger uses (create-if-missing of the poison queue).
// - Storage Blob Data Contributor on the `attachments` container: uploads are written, read and deleted
//   there (the sweep, DELETE /attachments/{id}). Scoped to the container so the grant says what the feature
//   needs even if the account-wide Owner above is ever narrowed to the host's containers. The same on the
//   `inbound-mail` container: the mailbox poll and the webhook write raw messages there, the processor reads them.
// - Storage Blob Delegator on the account: asks for the user-delegation key that signs the short read-only
//   download links. The key is an account-level operation, so no narrower scope works; what a link can do is
//   limited by the SAS itself (read, one blob, ≤ 5 minutes) and by the signer's own data role.
// - Cosmos DB Built-in Data Contributor (data plane) on the `tickets` database only.
// - Key Vault Secrets User on the vault: resolves the app's Key Vault references (read only).
// - Monitoring Metrics Publisher on Application Insights: local auth is off, telemetry needs Entra.
// Not granted: Table Data roles (no Durable Functions, no table bindings), account keys, Contributor.

@description('Object id of the Function App system-assigned identity.')
param principalId string

param storageAccountName string

@description('Application queues, poison queues included.')
param queueNames string[]

@description('The container of ticket attachments.')
param attachmentsContainerName string

@description('The container of raw incoming messages.')
param inboundMailContainerName string

param cosmosAccountName string
param cosmosDatabaseName string
param keyVaultName string
param appInsightsName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource attachments 'containers' existing = {
      name: attachmentsContainerName
    }

    resource inboundMail 'containers' existing = {
      name: inboundMailContainerName
    }
  }

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource queue 'queues' existing = [
      for queueName in queueNames: {
        name: queueName
      }
    ]
  }
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: cosmosAccountName

  resource database 'sqlDatabases' existing = {
    name: cosmosDatabaseName
  }

  resource dataContributor 'sqlRoleDefinitions' existing = {
    name: '00000000-0000-0000-0000-000000000002'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storageBlobDataOwner 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
}

resource storageBlobDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource storageBlobDelegator 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'db58b8e5-c6ad-4a2a-8342-4929eab66f7b'
}

resource storageQueueDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource monitoringMetricsPublisher 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '3913510d-42f4-4d42-8a07-a6e5f3bb0d36'
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, storageBlobDataOwner.id)
  scope: storageAccount
  properties: {
    roleDefinitionId: storageBlobDataOwner.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource attachmentsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount::blobService::attachments.id, principalId, storageBlobDataContributor.id)
  scope: storageAccount::blobService::attachments
  properties: {
    roleDefinitionId: storageBlobDataContributor.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource inboundMailContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount::blobService::inboundMail.id, principalId, storageBlobDataContributor.id)
  scope: storageAccount::blobService::inboundMail
  properties: {
    roleDefinitionId: storageBlobDataContributor.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, storageBlobDelegator.id)
  scope: storageAccount
  properties: {
    roleDefinitionId: storageBlobDelegator.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queueName, i) in queueNames: {
    name: guid(storageAccount::queueService::queue[i].id, principalId, storageQueueDataContributor.id)
    scope: storageAccount::queueService::queue[i]
    properties: {
      roleDefinitionId: storageQueueDataContributor.id
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount::database.id, principalId, cosmosAccount::dataContributor.id)
  properties: {
    roleDefinitionId: cosmosAccount::dataContributor.id
    principalId: principalId
    // Data-plane scopes use the /dbs/{name} form, not the ARM id of the sqlDatabases resource.
    scope: '${cosmosAccount.id}/dbs/${cosmosAccount::database.name}'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, principalId, keyVaultSecretsUser.id)
  scope: keyVault
  properties: {
    roleDefinitionId: keyVaultSecretsUser.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, monitoringMetricsPublisher.id)
  scope: appInsights
  properties: {
    roleDefinitionId: monitoringMetricsPublisher.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
