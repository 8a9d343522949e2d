import type { SiteAnswers } from '../answers/model.js';
import { findHost } from '../catalog/hosts.js';

/*
 * A GitHub Actions workflow that deploys the site's source to App Service, as Microsoft's
 * "Deploy to App Service using GitHub Actions" describes it: azure/login by OpenID Connect (a
 * federated credential: the client, tenant and subscription ids, no secret anywhere) and
 * azure/webapps-deploy of the repository's files, which the platform builds
 * (SCM_DO_BUILD_DURING_DEPLOYMENT: Oryx on Linux, Kudu's Python build on Windows). A
 * virtualenv built on the runner is never uploaded: it is built for the runner's Python and
 * paths, not the site's (Azure/webapps-deploy#456).
 */

export const workflowFile = '.github/workflows/azure-webapp.yml';

/** The repository secrets the workflow reads (ids, not secrets in themselves, kept as secrets all the same). */
export const workflowSecrets = ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_SUBSCRIPTION_ID'] as const;

/** The branch whose pushes deploy. */
export const deployBranch = 'main';

/** Whether a site gets the workflow: asked for, on a host Azure runs. */
export function hasWorkflow(answers: Pick<SiteAnswers, 'ci' | 'host'>): boolean {
  return answers.ci === 'github' && findHost(answers.host).onAzure;
}

/** The workflow's text. */
export function deployWorkflow(answers: Pick<SiteAnswers, 'siteName' | 'host'>): string {
  const linux = findHost(answers.host).os === 'linux';
  return `# Deploys ${answers.siteName} to Azure App Service on ${linux ? 'Linux' : 'Windows'} at each push to ${deployBranch}.
# The site builds what it receives (app setting SCM_DO_BUILD_DURING_DEPLOYMENT=true): the
# repository's files go up, never a virtualenv built here. azure/login signs in by OpenID
# Connect: README.md says which federated credential and secrets to create.
name: Deploy to Azure App Service

on:
  push:
    branches: [${deployBranch}]
  workflow_dispatch:

permissions:
  id-token: write
  contents: read

concurrency:
  group: azure-webapp-${answers.siteName}
  cancel-in-progress: false

jobs:
  deploy:
    runs-on: ubuntu-latest
    environment:
      name: production
      url: https://${answers.siteName}.azurewebsites.net/
    steps:
      - uses: actions/checkout@v4

      - name: Sign in to Azure (OpenID Connect)
        uses: azure/login@v2
        with:
          client-id: \${{ secrets.${workflowSecrets[0]} }}
          tenant-id: \${{ secrets.${workflowSecrets[1]} }}
          subscription-id: \${{ secrets.${workflowSecrets[2]} }}

      - name: Deploy the source; the site builds it
        uses: azure/webapps-deploy@v3
        with:
          app-name: ${answers.siteName}
          package: .
`;
}

/** The Azure CLI and GitHub CLI commands that create the workflow's identity, its federated credential and its secrets. */
export function workflowSetUpCommands(siteName: string): string[] {
  const credential = JSON.stringify({
    name: `github-${deployBranch}`,
    issuer: 'https://token.actions.githubusercontent.com',
    subject: `repo:<owner>/<repository>:environment:production`,
    audiences: ['api://AzureADTokenExchange'],
  });
  return [
    `az ad app create --display-name ${siteName}-deploy --query appId -o tsv        # <app-id>`,
    'az ad sp create --id <app-id>',
    `az role assignment create --assignee <app-id> --role "Website Contributor" --scope $(az webapp show -g <resource-group> -n ${siteName} --query id -o tsv)`,
    `az ad app federated-credential create --id <app-id> --parameters '${credential}'`,
    `az webapp config appsettings set -g <resource-group> -n ${siteName} --settings SCM_DO_BUILD_DURING_DEPLOYMENT=true`,
    'gh secret set AZURE_CLIENT_ID --body <app-id>',
    'gh secret set AZURE_TENANT_ID --body $(az account show --query tenantId -o tsv)',
    'gh secret set AZURE_SUBSCRIPTION_ID --body $(az account show --query id -o tsv)',
  ];
}
