import { InvalidAnswerError } from '../answers/errors.js';
import { findHost } from '../catalog/hosts.js';
import { definePart } from '../engine/file-plan.js';
import { dependenciesPlan } from '../site/requirements.js';

/** `yo azure-python:linux`: App Service on Linux runs the WSGI callable with gunicorn; there is no IIS. */
export const linuxPart = definePart({
  name: 'linux',
  summary: 'App Service on Linux: requirements.txt with gunicorn, and the startup command',
  answers: ['siteName', 'module', 'moduleDir', 'framework', 'callable', 'host', 'python'],
  presetOptions: { host: 'linux' },
  check: answers => {
    if (findHost(answers.host).os !== 'linux') {
      throw new InvalidAnswerError('--host', 'yo azure-python:linux writes a site for --host linux', JSON.stringify(answers.host));
    }
  },
  inSite: answers => findHost(answers.host).os === 'linux',
  // gunicorn (and the framework) in requirements.txt: Oryx's build installs them.
  plan: (answers, { readSiteFile }) => dependenciesPlan(answers, readSiteFile),
});
