import type { SiteAnswers } from './answers.js';
import { armTemplateFile, deployCommand } from './arm-template.js';
import { azureDeploymentBranch, azureRemoteName } from './git.js';
import { findFramework } from './frameworks.js';
import { findHost } from './hosts.js';
import { linuxCommands, startupCommand } from './linux.js';
import { appSettings, portalCommands } from './portal-settings.js';
import { siteFiles } from './site-files.js';
import { moduleLayout, resolveRuntime, siteLayout } from './site.js';
import { iisSetupScript, waitressArguments } from './web-config.js';

/** The values of the site's own README.md, from the functions the site's other files use. */
export function siteReadmeData(answers: SiteAnswers) {
  const host = findHost(answers.host);
  const layout = moduleLayout(answers);
  const runtime = resolveRuntime(answers);
  const remote = answers.remote || `https://<user>@${answers.siteName}.scm.azurewebsites.net/${answers.siteName}.git`;
  let configuredIn: string;
  let settings: { name: string; value: string }[];
  let setUp: string[] = [];
  if (runtime.os === 'linux') {
    configuredIn = 'the site\'s configuration on Azure (App Service on Linux): its runtime stack and startup command';
    settings = [
      { name: 'Runtime stack', value: runtime.linuxFxVersion },
      { name: 'Startup command', value: startupCommand(answers) },
    ];
    setUp = linuxCommands(answers);
  } else {
    const site = siteLayout(answers);
    if (answers.server === 'httpplatform') {
      configuredIn = '`web.config`: HttpPlatformHandler starts waitress';
      settings = [
        { name: 'processPath', value: runtime.interpreter },
        { name: 'arguments', value: waitressArguments(answers) },
        { name: 'PYTHONPATH', value: site.pythonPath },
      ];
    } else {
      configuredIn = answers.config === 'portal' && host.name === 'azure' ? 'the Azure portal (Option 1): see `azure/portal-steps.md`' : '`web.config` (Option 2)';
      settings = [
        ...appSettings(site, answers.wsgiLog).map(({ name, value }) => ({ name, value })),
        { name: 'scriptProcessor', value: site.scriptProcessor },
      ];
      if (answers.config === 'portal' && host.name === 'azure') setUp = portalCommands(answers.siteName, site);
    }
  }
  const provisioned = answers.provision && host.name !== 'iis';
  return {
    siteName: answers.siteName,
    hostLabel: host.label.replace(/^\w+: /, ''),
    onIis: host.name === 'iis',
    files: siteFiles(answers),
    moduleFile: layout.moduleFile,
    localCommand: findFramework(answers.framework).localCommand(answers.module),
    configuredIn,
    settings,
    setUp,
    iisSetupScript,
    provisionCommand: provisioned ? deployCommand(answers.siteName) : '',
    armTemplateFile,
    pushCommands: [`git remote add ${azureRemoteName} ${remote}`, `git push ${azureRemoteName} HEAD:${azureDeploymentBranch}`],
    logFolder: host.logFolder,
    wsgiLog: answers.wsgiLog,
  };
}
