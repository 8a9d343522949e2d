import { linuxAppSettings, linuxAppSettingsFile, mergeAppSettingsFile } from '../azure/linux.js';
import { findFramework } from '../catalog/frameworks.js';
import { findHost } from '../catalog/hosts.js';
import { staticSampleName } from '../iis/names.js';
import { definePart } from '../engine/file-plan.js';
import { withAppOwner } from '../site/layout.js';
import { dependenciesPlan } from '../site/requirements.js';

/** `yo azure-python:linux`: App Service on Linux runs the WSGI callable with gunicorn; there is no IIS. */
export const linuxPart = definePart({
  name: 'linux',
  summary: 'App Service on Linux: gunicorn and its startup command',
  answers: ['siteName', 'module', 'moduleDir', 'framework', 'callable', 'host', 'python'],
  presetOptions: { host: 'linux' },
  hosts: { names: ['linux'], why: 'it writes a site for App Service on Linux' },
  inSite: answers => findHost(answers.host).os === 'linux',
  // gunicorn (and the framework) in requirements.txt: Oryx's build installs them.
  plan: (given, { readSiteFile, holdsUserFile }) => {
    const answers = withAppOwner(given, holdsUserFile);
    return [
      ...dependenciesPlan(answers, readSiteFile),
      // The user's app serves its static files its own way: no sample that says it serves this folder.
      ...(answers.usersProject ? [] : staticSample(answers.framework, holdsUserFile ?? (() => false))),
      {
        path: linuxAppSettingsFile,
        kind: 'merged',
        generated: `${JSON.stringify(linuxAppSettings(), undefined, 2)}\n`,
        merge: mergeAppSettingsFile,
        purpose: 'the app settings a Linux site needs (build at deployment, gunicorn\'s workers), for az webapp config appsettings set',
      },
    ];
  },
});

/**
 * The framework's static folder with a sample file, so that it exists and can be tried: on Linux
 * no IIS serves it; Flask's and Bottle's static route does, and WhiteNoise for Django. None for
 * the bare WSGI module, nor in a static folder that holds the user's files already.
 */
function staticSample(framework: Parameters<typeof findFramework>[0], holdsUserFile: (file: string) => boolean) {
  const folder = findFramework(framework).staticDir;
  if (folder === '' || holdsUserFile(`${folder}/`)) return [];
  const server = { django: "WhiteNoise (in the Django project's middleware)", flask: "Flask's static route", bottle: "Bottle's static route", wsgi: '', asgi: '' }[framework];
  return [
    {
      path: `${folder}/${staticSampleName}`,
      kind: 'generated' as const,
      contents: `This file is served by ${server}, without Python code of yours: everything in this folder is.\n`,
      purpose: `a sample static file: ${server} serves this folder`,
    },
  ];
}
