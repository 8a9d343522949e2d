import { armTemplate, armTemplateFile, isProvisioned } from '../azure/arm-template.js';
import { toJsonFile } from '../azure/portal-settings.js';
import { deployWorkflow, hasWorkflow, workflowFile } from '../azure/workflow.js';
import { definePart } from '../engine/file-plan.js';
import { withAppOwner } from '../site/layout.js';

/** `yo azure-python:provision`: an ARM template that creates the site and its plan, as the answers describe it. */
export const provisionPart = definePart({
  name: 'provision',
  summary: 'azure/azuredeploy.json, an ARM template of the site',
  answers: ['siteName', 'module', 'moduleDir', 'framework', 'callable', 'host', 'server', 'python', 'interpreter', 'wfastcgi', 'config', 'siteRoot', 'wsgiLog'],
  hosts: { names: ['azure', 'linux'], why: 'it creates Azure sites, and iis runs on your own server' },
  inSite: isProvisioned,
  plan: (answers, { holdsUserFile }) => [
    { path: armTemplateFile, kind: 'generated', contents: toJsonFile(armTemplate(withAppOwner(answers, holdsUserFile))), purpose: 'an ARM template that creates the App Service plan and site' },
  ],
});

/** `yo azure-python:workflow`: a GitHub Actions workflow that deploys the site's source at each push to main. */
export const workflowPart = definePart({
  name: 'workflow',
  summary: '.github/workflows/azure-webapp.yml, a GitHub Actions deploy',
  answers: ['siteName', 'host', 'ci'],
  presetOptions: { ci: 'github' },
  hosts: { names: ['azure', 'linux'], why: 'it deploys to Azure App Service, and iis runs on your own server' },
  inSite: hasWorkflow,
  plan: answers => [{ path: workflowFile, kind: 'generated', contents: deployWorkflow(answers), purpose: 'deploys each push to main by GitHub Actions (OpenID Connect, no secret in the file)' }],
});
