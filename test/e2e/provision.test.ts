import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSite } from '../../lib/api.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { parseWebConfig, readText, runBin, temporaryFolder } from '../helpers.js';
import { requestOutcome } from '../../lib/iis/request-pipeline.js';

/**
 * From Microsoft's ARM template reference (learn.microsoft.com/azure/templates/microsoft.web/
 * <api-version>/<type>): resource types with API versions that exist, and the SiteConfig
 * properties the template sets.
 */
const knownApiVersions: Record<string, string[]> = {
  'Microsoft.Web/serverfarms': ['2021-02-01', '2022-03-01', '2022-09-01'],
  'Microsoft.Web/sites': ['2021-02-01', '2022-03-01', '2022-09-01'],
  'Microsoft.Web/sites/siteextensions': ['2021-02-01', '2021-03-01', '2022-03-01', '2022-09-01'],
};
const siteConfigProperties = ['scmType', 'pythonVersion', 'linuxFxVersion', 'appCommandLine', 'appSettings', 'handlerMappings', 'ftpsState', 'minTlsVersion', 'alwaysOn', 'healthCheckPath'];

interface Template {
  $schema: string;
  contentVersion: string;
  metadata: { description: string };
  parameters: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[] }>;
  resources: { type: string; apiVersion: string; name: string; kind?: string; properties?: { reserved?: boolean; siteConfig?: Record<string, unknown> } }[];
  outputs: Record<string, unknown>;
}

function templateOf(site: string): Template {
  const template = JSON.parse(readText(site, 'azure/azuredeploy.json')) as Template;
  assert.equal(template.$schema, 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
  assert.equal(template.contentVersion, '1.0.0.0');
  for (const resource of template.resources) {
    assert.ok(knownApiVersions[resource.type]?.includes(resource.apiVersion), `${resource.type}@${resource.apiVersion} exists`);
  }
  return template;
}

function siteConfigOf(template: Template): Record<string, unknown> {
  const site = template.resources.find(resource => resource.type === 'Microsoft.Web/sites')!;
  const siteConfig = site.properties!.siteConfig!;
  for (const property of Object.keys(siteConfig)) assert.ok(siteConfigProperties.includes(property), `siteConfig.${property}`);
  return siteConfig;
}

describe('provisioning as code, and the site\'s own README', function () {
  this.timeout(60_000);

  it('Option 1 (portal): the template holds exactly the settings and handler mapping of the portal files', async () => {
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, config: 'portal', siteName: 'contoso-py', python: '3.4', wsgiLog: 'D:\\home\\LogFiles\\wfastcgi.log', git: false });
    const template = templateOf(site);
    assert.equal(template.parameters.siteName!.defaultValue, 'contoso-py');
    assert.match(template.metadata.description, /REPLACE every app setting of the site/);
    const siteConfig = siteConfigOf(template);
    assert.equal(siteConfig.pythonVersion, '3.4');
    assert.equal(siteConfig.scmType, 'LocalGit');
    const settings = JSON.parse(readText(site, 'azure/appsettings.json')) as { name: string; value: string }[];
    assert.deepEqual(siteConfig.appSettings, settings.map(({ name, value }) => ({ name, value })));
    assert.deepEqual(siteConfig.handlerMappings, JSON.parse(readText(site, 'azure/handler-mappings.json')).properties.handlerMappings);
  });

  it('Option 2 (web.config): no settings in the template; a site-extension Python is a siteextensions resource', async () => {
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, python: '3.6', git: false });
    const template = templateOf(site);
    const siteConfig = siteConfigOf(template);
    assert.equal(siteConfig.appSettings, undefined);
    assert.equal(siteConfig.pythonVersion, undefined, 'the built-in Python stays off');
    const extension = template.resources.find(resource => resource.type === 'Microsoft.Web/sites/siteextensions')!;
    assert.equal(extension.name, "[concat(parameters('siteName'), '/azureappservice-python364x64')]");
    const handler = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('handlers')[0]!.getElementsByTagName('add')[0]!;
    assert.equal(handler.getAttribute('scriptProcessor'), 'D:\\home\\python364x64\\python.exe|D:\\home\\python364x64\\wfastcgi.py');
  });

  it('--host linux: a Linux plan, the runtime stack and the startup command', async () => {
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, host: 'linux', python: '3.11', module: 'Shop', git: false });
    const template = templateOf(site);
    const plan = template.resources.find(resource => resource.type === 'Microsoft.Web/serverfarms')!;
    assert.equal(plan.kind, 'linux');
    assert.equal(plan.properties!.reserved, true);
    const siteConfig = siteConfigOf(template);
    assert.equal(siteConfig.linuxFxVersion, 'PYTHON|3.11');
    assert.equal(siteConfig.appCommandLine, 'gunicorn --bind=0.0.0.0:${PORT:-8000} --timeout 220 --chdir Shop Shop:application');
    assert.equal(siteConfig.healthCheckPath, '/healthz', 'the generated app answers it');
    assert.equal(siteConfig.ftpsState, 'Disabled');
    assert.equal(siteConfig.minTlsVersion, '1.2');
    const settings = Object.fromEntries((siteConfig.appSettings as { name: string; value: string }[]).map(setting => [setting.name, setting.value]));
    assert.equal(settings.SCM_DO_BUILD_DURING_DEPLOYMENT, 'true', 'Oryx builds the site at deployment');
    assert.equal(settings.WEB_CONCURRENCY, "[string(variables('workersByPlan')[parameters('sku')])]");
    // Every plan the template allows has a worker count, and Always On where the plan has it.
    const variables = (template as unknown as { variables: { workersByPlan: Record<string, number>; plansWithoutAlwaysOn: string[] } }).variables;
    for (const sku of template.parameters.sku!.allowedValues as string[]) assert.ok(variables.workersByPlan[sku]! >= 1, sku);
    assert.deepEqual(variables.plansWithoutAlwaysOn, ['F1', 'D1']);
    assert.equal(siteConfig.alwaysOn, "[not(contains(variables('plansWithoutAlwaysOn'), parameters('sku')))]");
    // The same settings, but the plan's worker count, for the Azure CLI.
    assert.deepEqual(JSON.parse(readText(site, 'azure/linux/appsettings.json')), [
      { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true', slotSetting: false },
      { name: 'WEB_CONCURRENCY', value: '3', slotSetting: false },
    ]);
  });

  it('one source of truth: a new module name changes every file that names it', async () => {
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, config: 'portal', git: false });
    await generateSite({ destination: site, module: 'Storefront', git: false });
    const everything = ['azure/appsettings.json', 'azure/handler-mappings.json', 'azure/portal-steps.md', 'azure/azuredeploy.json', 'README.md']
      .map(file => readText(site, file))
      .join('\n');
    assert.ok(!/ConfigurePython\.application|wwwroot\\\\ConfigurePython/.test(everything), 'no file names the old module');
    assert.deepEqual(
      (siteConfigOf(templateOf(site)).appSettings as { name: string; value: string }[]).map(setting => setting.value),
      ['D:\\home\\site\\wwwroot\\Storefront', 'Storefront.application'],
    );
    assert.ok(readText(site, 'README.md').includes('| `WSGI_HANDLER` | `Storefront.application` |'));
  });

  it('the README holds the site\'s values and commands, and IIS never serves it or the template', async () => {
    const site = path.join(temporaryFolder(), 'shop');
    await generateSite({ destination: site, siteName: 'contoso-shop', python: '3.4', remote: 'https://deploy@contoso-shop.scm.azurewebsites.net/contoso-shop.git' });
    const readme = readText(site, 'README.md');
    const settings = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('appSettings')[0]!.getElementsByTagName('add');
    for (const setting of Array.from(settings)) {
      assert.ok(readme.includes(`| \`${setting.getAttribute('value')}\` |`), `README shows ${setting.getAttribute('key')}`);
    }
    for (const line of [
      '| `scriptProcessor` | `D:\\Python34\\python.exe\\|D:\\Python34\\Scripts\\wfastcgi.py` |',
      'python ConfigurePython/ConfigurePython.py',
      'az deployment group create -g <resource-group> --template-file azure/azuredeploy.json --parameters siteName=contoso-shop',
      "git remote add azure 'https://deploy@contoso-shop.scm.azurewebsites.net/contoso-shop.git'",
      'git push azure HEAD:master',
      '| `azure/azuredeploy.json` |',
    ]) {
      assert.ok(readme.includes(line), `README: ${line}`);
    }
    assert.deepEqual(requestOutcome(site, '/README.md'), { kind: 'refused', status: '404.8' });
    assert.deepEqual(requestOutcome(site, '/azure/azuredeploy.json'), { kind: 'refused', status: '404.8' });
  });

  it('--no-provision leaves the template out, and the README says nothing of it', () => {
    const folder = temporaryFolder();
    const { status, stderr } = runBin(['site', '--yes', '--no-git', '--no-provision'], folder);
    assert.equal(status, 0, stderr);
    assert.equal(existsSync(path.join(folder, 'site', 'azure')), false);
    assert.ok(!readText(path.join(folder, 'site'), 'README.md').includes('azuredeploy'));
  });

  it('a README.md of the project\'s own is left as it is', async () => {
    const site = temporaryFolder();
    writeFileSync(path.join(site, 'README.md'), '# Our shop\n');
    const lines: string[] = [];
    await generateSite({ destination: site, git: false, log: line => lines.push(line) });
    assert.equal(readText(site, 'README.md'), '# Our shop\n');
    assert.ok(lines.some(line => line.includes("README.md is the project's own: it is left as it is.")));
  });

  it('the provisioning docs give the two commands and the app-settings warning', () => {
    const readme = readFileSync(path.join(packageRoot, 'docs', 'provisioning.md'), 'utf8');
    assert.ok(readme.includes('az deployment group create -g <resource-group> --template-file azure/azuredeploy.json --parameters siteName=<name>'));
    assert.ok(readme.includes('https://<user>@<site>.scm.azurewebsites.net/<site>.git'));
    assert.match(readme, /replaces? every app setting of the site/i);
  });
});
