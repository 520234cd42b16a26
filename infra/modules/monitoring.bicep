// Log Analytics workspace and a workspace-based Application Insights component.
// Local (instrumentation key) ingestion is off: telemetry must be sent with an Entra token,
// so the connection string alone cannot be used to write into our telemetry.

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

param location string
param tags object

@description('Days of log retention in the workspace.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

output appInsightsName string = appInsights.name
// Not a secret: with local auth disabled it only names the ingestion endpoint and resource.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
