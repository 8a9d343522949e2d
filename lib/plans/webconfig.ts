import { findHost } from '../catalog/hosts.js';
import { definePart, type PlannedFile } from '../engine/file-plan.js';
import { renderTemplate } from '../engine/templates.js';
import { mergeWebConfig } from '../iis/merge.js';
import { iisSetupScript } from '../iis/names.js';
import { powershellPaths } from '../iis/setup-script.js';
import { routingFiles, webConfigLayout, webConfigTemplates } from '../iis/web-config.js';
import { armTemplateFile } from '../azure/arm-template.js';
import { deploymentPlan } from '../azure/kudu.js';
import { djangoSecretKeySource, withAppOwner } from '../site/layout.js';
import { dependenciesPlan } from '../site/requirements.js';

/** `yo azure-python:webconfig`: Option 2, the handler, URL Rewrite rules and settings in web.config. */
export const webconfigPart = definePart({
  name: 'webconfig',
  summary: 'Option 2: web.config and handler.fcgi (setup-iis.ps1 on iis)',
  answers: [
    'module',
    'moduleDir',
    'framework',
    'callable',
    'host',
    'server',
    'python',
    'interpreter',
    'wfastcgi',
    'siteRoot',
    'routing',
    'staticDir',
    'serveFiles',
    'wsgiLog',
    'harden',
  ],
  // Whether the site has its ARM template, so that web.config hides the azure folder: the app's
  // answer when given or kept, else whether the site holds the template.
  readsIfKnown: ['provision'],
  hosts: { names: ['azure', 'iis'], why: 'web.config configures IIS, and App Service on Linux has none' },
  inSite: answers => findHost(answers.host).os === 'windows' && answers.config === 'webconfig',
  plan: (given, { overlay, holdsUserFile, readSiteFile }) => {
    const answers = { ...given, provision: given.provision === true || readSiteFile?.(armTemplateFile) !== undefined };
    const owned = withAppOwner(answers, holdsUserFile);
    const layout = webConfigLayout(owned);
    const webConfigs = webConfigTemplates(answers).map(
      (file): PlannedFile => ({
        path: file.path,
        kind: 'merged',
        generated: renderTemplate('webconfig', file.template, layout, overlay),
        merge: (existing, generated) => mergeWebConfig(existing, generated, file.path),
        purpose: file.purpose,
      }),
    );
    const [siteWebConfig, ...staticWebConfigs] = webConfigs;
    return [
      ...dependenciesPlan(answers, readSiteFile),
      ...deploymentPlan(answers, holdsUserFile),
      siteWebConfig!,
      ...routingFiles(answers, answers.staticDir !== '' && (holdsUserFile?.(`${answers.staticDir}/`) ?? false)).map((file): PlannedFile => ({ kind: 'placeholder', ...file })),
      ...staticWebConfigs,
      ...(findHost(answers.host).setupScript
        ? [
            {
              path: iisSetupScript,
              kind: 'generated' as const,
              contents: renderTemplate(
                'webconfig',
                'setup-iis.ps1.ejs',
                { powershell: powershellPaths(layout), djangoSecretKey: djangoSecretKeySource(owned) === 'setup-script', ...layout },
                overlay,
              ),
              purpose: "what the server's administrator runs once",
            },
          ]
        : []),
    ];
  },
});
