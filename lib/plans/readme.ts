import type { SiteAnswers } from '../answers/model.js';
import { questions } from '../answers/questions.js';
import { armTemplateFile, deployCommand, isProvisioned } from '../azure/arm-template.js';
import { scmGitUrl } from '../azure/endpoints.js';
import { hasWorkflow, workflowFile, workflowSetUpCommands } from '../azure/workflow.js';
import { appServiceLinux, linuxAppSettings, linuxCommands, startupCommand, workersByPlan } from '../azure/linux.js';
import { appSettings, portalCommands } from '../azure/portal-settings.js';
import { findHost } from '../catalog/hosts.js';
import { findServer } from '../catalog/servers.js';
import { definePart, type SiteFile } from '../engine/file-plan.js';
import { renderTemplate } from '../engine/templates.js';
import { azureDeploymentBranch, azureRemoteName, remoteAddCommand } from '../git/deploy.js';
import { iisSetupScript } from '../iis/names.js';
import { waitressArguments } from '../iis/web-config.js';
import { djangoSecretKeySource, localCommandForUsersApp, requirementsInstall, moduleLayout, resolveRuntime, secretKeyNote, siteLayout, withAppOwner, type AppAnswers } from '../site/layout.js';
import { portalPart } from './portal.js';

export const siteReadmeFile = 'README.md';

/** `yo azure-python:readme`: the site's own README.md. A README.md of the project's own is never replaced. */
export const readmePart = definePart({
  name: 'readme',
  summary: "README.md, the site's own notes",
  answers: questions.map(question => question.name),
  inSite: () => true,
  plan: (answers, { overlay, siteFiles, holdsUserFile }) => [
    {
      path: siteReadmeFile,
      kind: 'generated',
      contents: renderTemplate('readme', 'README.md.ejs', siteReadmeData(withAppOwner(answers, holdsUserFile), siteFiles()), overlay),
      userFileWins: true,
      purpose: "the site's own notes: files, configuration, deployment, failures",
    },
  ],
});

/** The values of the site's own README.md, from the functions the site's other files use. */
export function siteReadmeData(answers: SiteAnswers & Pick<AppAnswers, 'usersProject'>, files: readonly SiteFile[]) {
  const host = findHost(answers.host);
  const layout = moduleLayout(answers);
  const runtime = resolveRuntime(answers);
  const remote = answers.remote || scmGitUrl(answers.siteName);
  let configuredIn: string;
  let settings: { name: string; value: string }[];
  let setUp: string[] = [];
  if (runtime.os === 'linux') {
    configuredIn = 'the site\'s configuration on Azure (App Service on Linux): its runtime stack, startup command, health check and app settings';
    settings = [
      { name: 'Runtime stack', value: runtime.linuxFxVersion },
      { name: 'Startup command', value: startupCommand(answers) },
      // The generated app answers the health check first; a user's app may not, and an unanswered check takes the instances down.
      ...(answers.usersProject ? [] : [{ name: 'Health check path', value: appServiceLinux.healthPath }]),
      ...linuxAppSettings(`${workersByPlan.B1} (2 x the plan's cores + 1: the template sets it by plan)`).map(({ name, value }) => ({ name, value })),
    ];
    setUp = linuxCommands(answers);
  } else {
    const site = siteLayout(answers);
    if (findServer(answers.server).pythonServer) {
      configuredIn = '`web.config`: HttpPlatformHandler starts waitress';
      settings = [
        { name: 'processPath', value: runtime.interpreter },
        { name: 'arguments', value: waitressArguments(answers) },
        { name: 'PYTHONPATH', value: site.pythonPath },
      ];
    } else {
      const portal = portalPart.inSite(answers);
      configuredIn = portal ? 'the Azure portal (Option 1): see `azure/portal-steps.md`' : '`web.config` (Option 2)';
      settings = [
        ...appSettings(site, answers.wsgiLog).map(({ name, value }) => ({ name, value })),
        { name: 'scriptProcessor', value: site.scriptProcessor },
      ];
      if (portal) setUp = portalCommands(answers.siteName, site, djangoSecretKeySource(answers) === 'portal');
    }
  }
  const provisioned = isProvisioned(answers);
  const secretKeySource = djangoSecretKeySource(answers);
  return {
    siteName: answers.siteName,
    hostLabel: host.label.replace(/^\w+: /, ''),
    onIis: host.setupScript,
    files,
    moduleFile: layout.moduleFile,
    // The user's own app may not run itself (an app.py without app.run()): the same command as the end message.
    installCommand: requirementsInstall(files) ?? '',
    localCommand: answers.usersProject ? localCommandForUsersApp(answers) : layout.localCommand,
    configuredIn,
    settings,
    setUp,
    iisSetupScript,
    provisionCommand: provisioned ? deployCommand(answers.siteName) : '',
    armTemplateFile,
    pushCommands: [remoteAddCommand(remote), `git push ${azureRemoteName} HEAD:${azureDeploymentBranch}`],
    workflowFile,
    workflowSetUp: hasWorkflow(answers) ? workflowSetUpCommands(answers.siteName) : [],
    logFolder: host.logFolder,
    wsgiLog: answers.wsgiLog,
    secretKey: secretKeySource ? secretKeyNote(secretKeySource, answers) : '',
  };
}
