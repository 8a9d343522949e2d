import { appSettings, appSettingsFile, handlerMappingsFile, handlerMappingsPatch, portalCommands, portalStepsFile, toJsonFile } from '../azure/portal-settings.js';
import { findHost } from '../catalog/hosts.js';
import { definePart } from '../engine/file-plan.js';
import { renderTemplate } from '../engine/templates.js';
import { djangoSecretKeySource, siteLayout, withAppOwner } from '../site/layout.js';
import { deploymentPlan } from '../azure/kudu.js';
import { dependenciesPlan } from '../site/requirements.js';

/** `yo azure-python:portal`: Option 1, the handler mapping and app settings as files for the Azure CLI. */
export const portalPart = definePart({
  name: 'portal',
  summary: 'Option 1: the settings for the Azure portal or CLI',
  answers: ['siteName', 'module', 'moduleDir', 'framework', 'callable', 'host', 'python', 'interpreter', 'wfastcgi', 'siteRoot', 'wsgiLog'],
  // With the ARM template, it sets Django's key; without, a portal step does.
  readsIfKnown: ['provision'],
  hosts: { names: ['azure'], why: "the portal's handler mapping is App Service on Windows's" },
  inSite: answers => findHost(answers.host).os === 'windows' && answers.config === 'portal',
  plan: (answers, { overlay, holdsUserFile, readSiteFile }) => {
    const owned = withAppOwner(answers, holdsUserFile);
    const layout = siteLayout(owned);
    const settings = appSettings(layout, answers.wsgiLog);
    const secretKeyStep = djangoSecretKeySource(owned, 'portal') === 'portal';
    const steps = renderTemplate(
      'portal',
      'portal-steps.md.ejs',
      { siteName: answers.siteName, settings, commands: portalCommands(answers.siteName, layout, secretKeyStep), appSettingsFile, handlerMappingsFile, ...layout },
      overlay,
    );
    return [
      ...dependenciesPlan(answers, readSiteFile),
      ...deploymentPlan(answers, holdsUserFile),
      { path: appSettingsFile, kind: 'generated', contents: toJsonFile(settings), purpose: 'Option 1: the app settings, for az webapp config appsettings set' },
      { path: handlerMappingsFile, kind: 'generated', contents: toJsonFile(handlerMappingsPatch(layout)), purpose: 'Option 1: the handler mapping, for az rest' },
      { path: portalStepsFile, kind: 'generated', contents: steps, purpose: 'Option 1: the portal steps, with the exact values' },
    ];
  },
});
