import { findHost } from '../catalog/hosts.js';
import { definePart } from '../engine/file-plan.js';
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
  plan: (answers, { readSiteFile }) => dependenciesPlan(answers, readSiteFile),
});
