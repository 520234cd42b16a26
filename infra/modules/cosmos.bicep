// Cosmos DB for NoSQL: account, the `tickets` database and its containers.
// The containers mirror src/Tickets.Shared/Storage/Cosmos/CosmosModel.cs exactly (names, partition
// keys, TTLs, composite indexes, excluded paths); Tickets.Infra.Tests fails when they drift apart.
// Keys are disabled: the app reaches the data plane with its managed identity only.

@description('Cosmos DB account name.')
@minLength(3)
@maxLength(44)
param accountName string

param location string
param tags object

@description('Database name (CosmosModel.DefaultDatabaseName).')
param databaseName string

@description('serverless: pay per request (default). autoscale: provisioned throughput shared by the database.')
@allowed(['serverless', 'autoscale'])
param capacityMode string

@description('Autoscale ceiling in RU/s for the shared database throughput (autoscale mode only).')
@minValue(1000)
param autoscaleMaxThroughput int

@description('Spread the account over availability zones in its region.')
param zoneRedundant bool

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: zoneRedundant
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: capacityMode == 'serverless' ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: capacityMode == 'autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

// One ticket's document, comments, history events and outbox share a partition, so a change and its
// event and outbox message are one transactional batch. The aggregates are nested (ticket/comment/event)
// and not indexed; lists filter and sort on copies at the top level. Each composite index also serves
// the exact reverse order (the descending sorts).
resource tickets 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: 'tickets'
  properties: {
    resource: {
      id: 'tickets'
      partitionKey: { paths: ['/ticketId'], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [{ path: '/*' }]
        excludedPaths: [
          { path: '/ticket/*' }
          { path: '/comment/*' }
          { path: '/event/*' }
          { path: '/facts/*' }
          { path: '/"_etag"/?' }
        ]
        compositeIndexes: [
          [{ path: '/createdAt', order: 'ascending' }, { path: '/id', order: 'ascending' }]
          [{ path: '/updatedAt', order: 'ascending' }, { path: '/id', order: 'ascending' }]
          [
            { path: '/priorityRank', order: 'ascending' }
            { path: '/createdAt', order: 'ascending' }
            { path: '/id', order: 'ascending' }
          ]
          [{ path: '/slaDueAt', order: 'ascending' }, { path: '/id', order: 'ascending' }]
        ]
      }
    }
  }
}

// Users and their e-mail/dni claim documents; TTL on so throttle and token records expire on their own.
resource users 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: 'users'
  properties: {
    resource: {
      id: 'users'
      partitionKey: { paths: ['/id'], kind: 'Hash', version: 2 }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [{ path: '/*' }]
        excludedPaths: [
          { path: '/passwordHash/?' }
          { path: '/failures/*' }
          { path: '/"_etag"/?' }
        ]
        compositeIndexes: [
          [{ path: '/sortName', order: 'ascending' }, { path: '/id', order: 'ascending' }]
        ]
      }
    }
  }
}

// In-app notifications per recipient, kept for 90 days.
resource notifications 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: 'notifications'
  properties: {
    resource: {
      id: 'notifications'
      partitionKey: { paths: ['/recipientId'], kind: 'Hash', version: 2 }
      defaultTtl: 7776000
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [{ path: '/*' }]
        excludedPaths: [
          { path: '/message/?' }
          { path: '/"_etag"/?' }
        ]
        compositeIndexes: [
          [{ path: '/createdAt', order: 'descending' }, { path: '/id', order: 'descending' }]
        ]
      }
    }
  }
}

// Ticket number counter and idempotency records (which carry their own 24 h ttl).
resource meta 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: 'meta'
  properties: {
    resource: {
      id: 'meta'
      partitionKey: { paths: ['/id'], kind: 'Hash', version: 2 }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [{ path: '/*' }]
        excludedPaths: [
          { path: '/response/*' }
          { path: '/"_etag"/?' }
        ]
      }
    }
  }
}

// Configuration (teams, categories, SLA policies, calendars, assignment turns) and the admin audit log, in one logical
// partition; audit entries carry their own ttl (Tickets:Audit:RetentionDays).
resource admin 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: 'admin'
  properties: {
    resource: {
      id: 'admin'
      partitionKey: { paths: ['/partition'], kind: 'Hash', version: 2 }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [{ path: '/*' }]
        excludedPaths: [
          { path: '/before/*' }
          { path: '/after/*' }
          { path: '/"_etag"/?' }
        ]
        compositeIndexes: [
          [{ path: '/at', order: 'ascending' }, { path: '/id', order: 'ascending' }]
        ]
      }
    }
  }
}

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerNames string[] = [tickets.name, users.name, notifications.name, meta.name, admin.name]
