// The API: a Function App on the Flex Consumption plan (Linux, dotnet-isolated 10.0) with a
// system-assigned identity. The identity pulls the deployment package, runs the host on
// identity-based AzureWebJobsStorage and reads Key Vault references; no keys anywhere.

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

param location string
param tags object

@description('Blob container URL that holds the deployment package.')
param deploymentContainerUrl string

@description('Upper bound of scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Origins allowed to call the API from a browser (the Static Web App and any custom domain).')
param allowedOrigins string[]

@description('Application settings. Values are plain configuration or Key Vault references, never secrets.')
param appSettings object

@description('Settings present only when a feature is configured (e.g. SMTP).')
param optionalAppSettings object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      cors: {
        allowedOrigins: allowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, optionalAppSettings)
}

// Deployments go through Entra ID (OIDC in CI); publishing user names and passwords stay off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
output principalId string = site.identity.principalId
