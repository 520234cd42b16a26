// The React front end (web/). It calls the Function App directly over CORS rather than through a
// linked backend: Static Web Apps replaces the Authorization header on proxied API calls, and the
// API authenticates with its own bearer tokens (see docs/decisions/ADR-004-infrastructure.md).

@description('Static Web App name.')
param name string

@description('Static Web Apps are offered in a few regions only; the content is served from a global edge anyway.')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param location string

param tags object

@description('Free is enough for a static front end without linked backends; Standard adds custom auth, SLA and private endpoints.')
@allowed(['Free', 'Standard'])
param sku string

resource site 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    // Content is uploaded by the deploy workflow with a deployment token, not pulled from a repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
    publicNetworkAccess: 'Enabled'
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostname}'
