import type { SiteAnswers } from '../answers/model.js';
import { findHost } from '../catalog/hosts.js';
import { webApiVersion } from './endpoints.js';
import { appServiceLinux, linuxAppSettings, plansWithoutAlwaysOn, startupCommand, workersByPlan } from './linux.js';
import { appSettings, handlerMappings } from './portal-settings.js';
import { resolveRuntime, siteLayout, type AppAnswers } from '../site/layout.js';

export const armTemplateFile = 'azure/azuredeploy.json';


const appSettingsWarning =
  'Its app settings REPLACE every app setting of the site each time it is deployed: add your own to the template, or set them after the first deployment only.';

/**
 * An ARM template that creates the site and its plan, as the answers describe it: the Python
 * runtime (a built-in version, a site extension, or Linux's runtime stack), deployment by
 * local git, and for Option 1 the app settings and handler mapping the portal would set.
 * Every value comes from the functions the site's other files use.
 */
export type ArmTemplateAnswers = Pick<
  SiteAnswers,
  'siteName' | 'module' | 'moduleDir' | 'framework' | 'callable' | 'host' | 'python' | 'interpreter' | 'wfastcgi' | 'config' | 'siteRoot' | 'wsgiLog'
> &
  Pick<AppAnswers, 'usersProject'>;

/** A Linux site's own startup command, app settings and health check, where they are not the answers' (a migrated site's). */
export interface LinuxSiteConfig {
  readonly appCommandLine: string;
  readonly appSettings: readonly { readonly name: string; readonly value: string }[];
  readonly healthCheck: boolean;
}

export function armTemplate(answers: ArmTemplateAnswers, linuxSite?: LinuxSiteConfig): object {
  const linux = findHost(answers.host).os === 'linux';
  const runtime = resolveRuntime(answers);
  const portal = !linux && answers.config === 'portal';
  const siteConfig: Record<string, unknown> = {
    scmType: 'LocalGit',
    // Deployments by git or the Actions workflow: FTP is not needed, and FTPS stays off.
    ftpsState: 'Disabled',
    minTlsVersion: '1.2',
    // Always On where the plan has it: an idle site is not unloaded (a Free or Shared plan refuses the setting).
    alwaysOn: "[not(contains(variables('plansWithoutAlwaysOn'), parameters('sku')))]",
  };
  const resources: object[] = [];
  const site = "[parameters('siteName')]";
  let description = `Creates the App Service plan and site of ${answers.siteName}, a Python (WSGI) site (${runtime.label}), with deployment by local git.`;

  if (runtime.os === 'linux') {
    siteConfig.linuxFxVersion = runtime.linuxFxVersion;
    siteConfig.appCommandLine = linuxSite?.appCommandLine ?? startupCommand(answers);
    // The plan's worker count for gunicorn, and the build at deployment; the generated app answers the health check.
    const platformSettings = linuxAppSettings("[string(variables('workersByPlan')[parameters('sku')])]").map(({ name, value }) => ({ name, value }));
    const ownSettings = (linuxSite?.appSettings ?? []).filter(setting => !platformSettings.some(platform => platform.name === setting.name));
    siteConfig.appSettings = [...platformSettings, ...ownSettings.map(({ name, value }) => ({ name, value }))];
    if (linuxSite ? linuxSite.healthCheck : !answers.usersProject) siteConfig.healthCheckPath = appServiceLinux.healthPath;
    description += ` ${appSettingsWarning}`;
  } else {
    if (!runtime.siteExtension && runtime.version !== 'custom') siteConfig.pythonVersion = runtime.version;
    if (runtime.siteExtension) {
      resources.push({
        type: 'Microsoft.Web/sites/siteextensions',
        apiVersion: webApiVersion,
        name: `[concat(parameters('siteName'), '/${runtime.siteExtension}')]`,
        dependsOn: ["[resourceId('Microsoft.Web/sites', parameters('siteName'))]"],
      });
    }
    if (runtime.version === 'custom') description += ` Install the Python at ${runtime.interpreter} on the site yourself.`;
  }
  if (portal) {
    const layout = siteLayout(answers);
    siteConfig.appSettings = appSettings(layout, answers.wsgiLog).map(({ name, value }) => ({ name, value }));
    siteConfig.handlerMappings = handlerMappings(layout);
    description += ` ${appSettingsWarning}`;
  }
  // The generated Django project reads its key from this app setting: never written into the repository.
  const secretKey = answers.framework === 'django' && !answers.usersProject;
  if (secretKey) {
    siteConfig.appSettings = [...((siteConfig.appSettings as object[] | undefined) ?? []), { name: 'DJANGO_SECRET_KEY', value: "[parameters('djangoSecretKey')]" }];
    if (!portal && !linux) description += ` ${appSettingsWarning}`;
  }

  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: { description },
    parameters: {
      siteName: { type: 'string', defaultValue: answers.siteName, metadata: { description: 'The site: <siteName>.azurewebsites.net' } },
      location: { type: 'string', defaultValue: '[resourceGroup().location]', metadata: { description: 'The Azure region' } },
      sku: {
        type: 'string',
        defaultValue: 'B1',
        allowedValues: ['F1', 'D1', 'B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P1v2', 'P2v2', 'P3v2', 'P1v3', 'P2v3', 'P3v3'],
        metadata: { description: 'The App Service plan size' },
      },
      ...(secretKey
        ? {
            djangoSecretKey: {
              type: 'securestring',
              // newGuid() is allowed only here, in a parameter's default: a new key each deployment unless one is given.
              defaultValue: '[newGuid()]',
              metadata: { description: "Django's SECRET_KEY, the app setting DJANGO_SECRET_KEY: give the same one each deployment to keep sessions valid" },
            },
          }
        : {}),
    },
    variables: {
      planName: "[concat(parameters('siteName'), '-plan')]",
      plansWithoutAlwaysOn,
      ...(linux ? { workersByPlan } : {}),
    },
    resources: [
      {
        type: 'Microsoft.Web/serverfarms',
        apiVersion: webApiVersion,
        name: "[variables('planName')]",
        location: "[parameters('location')]",
        kind: linux ? 'linux' : 'app',
        sku: { name: "[parameters('sku')]" },
        // `reserved` is what makes a plan a Linux plan.
        properties: { reserved: linux },
      },
      {
        type: 'Microsoft.Web/sites',
        apiVersion: webApiVersion,
        name: site,
        location: "[parameters('location')]",
        kind: linux ? 'app,linux' : 'app',
        dependsOn: ["[resourceId('Microsoft.Web/serverfarms', variables('planName'))]"],
        properties: {
          serverFarmId: "[resourceId('Microsoft.Web/serverfarms', variables('planName'))]",
          httpsOnly: true,
          siteConfig,
        },
      },
      ...resources,
    ],
    outputs: {
      gitUrl: {
        type: 'string',
        value: "[concat('https://', parameters('siteName'), '.scm.azurewebsites.net/', parameters('siteName'), '.git')]",
      },
    },
  };
}

/** The command that deploys the template into a resource group. */
export function deployCommand(siteName: string): string {
  return `az deployment group create -g <resource-group> --template-file ${armTemplateFile} --parameters siteName=${siteName}`;
}

/** Whether the site gets the ARM template: asked for, on a host Azure creates. */
export function isProvisioned(answers: Pick<SiteAnswers, 'provision' | 'host'>): boolean {
  return answers.provision && findHost(answers.host).onAzure;
}
