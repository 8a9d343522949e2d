import { findHost } from '../catalog/hosts.js';
import { findPythonRuntime, offeredRuntimes } from '../catalog/runtimes.js';
import { findServer } from '../catalog/servers.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { userAppPaths } from '../site/layout.js';
import { InvalidAnswerError, shownValue } from './errors.js';
import { generatedModuleNameProblem } from './validate.js';
import type { AnswerName, HostName, SiteAnswers } from './model.js';

/**
 * How an error names an answer, and an answer with a value: `--site-root` and `--host azure`
 * on the command line, `siteRoot` and `host: "azure"` in the API.
 */
export type AnswerLabel = (name: AnswerName, value?: string) => string;

/** The command line's names: the kebab-case options. */
export const optionLabel: AnswerLabel = (name, value) => {
  const option = `--${name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
  return value === undefined ? option : `${option} ${value === '' ? "''" : value}`;
};

/** The API's names: the keys of generateSite's argument. */
export const keyLabel: AnswerLabel = (name, value) => (value === undefined ? name : `${name}: ${JSON.stringify(value)}`);

/** The rules between answers, checked once every answer is known; `label` names the answers in the error. */
/**
 * The callable of a module the generator writes must not be a name its template uses (an
 * import, a view, the local server); an app of the user's, which it never writes, may use any.
 */
export function checkGeneratedModuleNames(answers: Partial<SiteAnswers>, destination: string, label: AnswerLabel = optionLabel): void {
  const { module, moduleDir, callable, framework } = answers;
  if (module === undefined || callable === undefined || framework === undefined) return;
  // The generator writes no ASGI app: the project's own is the site's.
  if (framework === 'asgi' && !userAppPaths({ module, moduleDir: moduleDir ?? module, callable, framework }).some(file => existsSync(path.join(destination, ...file.split('/'))))) {
    throw new InvalidAnswerError(label('framework'), `it serves your project's own ASGI app, and there is no ${module}.py (nor ${module}/__init__.py) in ${moduleDir ?? module}: give ${label('module')} (and ${label('moduleDir')}, ${label('callable')}) for it`, '"asgi"');
  }
  const problem = generatedModuleNameProblem(callable);
  if (!problem) return;
  const usersApp = userAppPaths({ module, moduleDir: moduleDir ?? module, callable, framework }).some(file => existsSync(path.join(destination, ...file.split('/'))));
  if (!usersApp) throw new InvalidAnswerError(label('callable'), problem, shownValue(callable));
}

/** The hosts a generator writes for, if not every one, and why (a part's `hosts`). */
export interface HostsServed {
  readonly generator: string;
  readonly names: readonly HostName[];
  readonly why: string;
}

/** Refuses a host the generator does not write for, as soon as it is known: given, kept, or (a prompt offers no other) chosen. */
export function checkHostServed(served: HostsServed | undefined, host: unknown, label: AnswerLabel = optionLabel): void {
  if (!served || host === undefined || served.names.includes(host as HostName)) return;
  throw new InvalidAnswerError(label('host'), `yo azure-python:${served.generator} writes for ${served.names.map(name => label('host', name)).join(' or ')}: ${served.why}`, shownValue(host));
}

export function checkAnswerCombination(answers: Partial<SiteAnswers>, label: AnswerLabel = optionLabel): void {
  const host = answers.host === undefined ? undefined : findHost(answers.host);
  const runtime = answers.python === undefined ? undefined : findPythonRuntime(answers.python);
  if (host?.python !== undefined && runtime && runtime.os !== host.os && !answers.interpreter) {
    const rows = offeredRuntimes(host.os).map(row => row.version);
    throw new InvalidAnswerError(label('python'), `on ${label('host', host.name)}, use one of ${rows.join(', ')}`, shownValue(answers.python));
  }
  if (answers.framework === 'asgi' && host && host.os !== 'linux') {
    throw new InvalidAnswerError(label('framework'), `an ASGI app runs on App Service on Linux only (gunicorn with uvicorn workers): wfastcgi and waitress serve WSGI apps; use ${label('host', 'linux')}`, '"asgi"');
  }
  const fastcgi = findServer(answers.server ?? 'fastcgi').pythonServer === undefined;
  if (fastcgi && host?.os !== 'linux' && Boolean(answers.interpreter) !== Boolean(answers.wfastcgi)) {
    const [given, needed] = answers.interpreter ? [label('interpreter'), label('wfastcgi')] : [label('wfastcgi'), label('interpreter')];
    throw new InvalidAnswerError(given, `it needs ${needed} too: FastCGI runs "<python.exe>|<wfastcgi.py>"`, undefined);
  }
  if (answers.config === 'portal' && host !== undefined && (!host.onAzure || host.os !== 'windows' || !fastcgi)) {
    throw new InvalidAnswerError(label('config'), `the portal (Option 1) configures Azure App Service on Windows with FastCGI: use ${label('host', 'azure')} and ${label('server', 'fastcgi')}, or ${label('config', 'webconfig')}`, '"portal"');
  }
  if (!fastcgi && answers.routing === 'rewrite' && host?.os !== 'linux') {
    throw new InvalidAnswerError(label('routing'), `with ${label('server', 'httpplatform')} the handler takes every path: use wildcard`, '"rewrite"');
  }
  if (!fastcgi && answers.wsgiLog && host?.os !== 'linux') {
    throw new InvalidAnswerError(label('wsgiLog'), `it is wfastcgi's log, and ${label('server', 'httpplatform')} does not run wfastcgi (its log is ${host?.logFolder ?? 'the log folder'}\\python.log)`, shownValue(answers.wsgiLog));
  }
  if (answers.serveFiles === 'static-only' && answers.staticDir === '') {
    throw new InvalidAnswerError(label('serveFiles'), `it needs ${label('staticDir')}, the folder whose files IIS serves`, '"static-only"');
  }
  // The folder of the Python source: the module's, or in the site root the package of that name (Django's project).
  const source = (answers.moduleDir === undefined || answers.moduleDir === '.' ? answers.module : answers.moduleDir)?.toLowerCase();
  const staticDir = answers.staticDir?.toLowerCase();
  if (staticDir && source && (source === staticDir || source.startsWith(`${staticDir}/`))) {
    const rule = "it holds the module's folder, whose Python source IIS would then serve: choose another folder";
    throw new InvalidAnswerError(label('staticDir'), rule, shownValue(answers.staticDir));
  }
}

