import type { Routing, Server, SiteAnswers } from '../answers/model.js';
import { isProvisioned } from '../azure/arm-template.js';
import { findFramework } from '../catalog/frameworks.js';
import { findHost } from '../catalog/hosts.js';
import { isAzureBuiltIn } from '../catalog/runtimes.js';
import { findServer } from '../catalog/servers.js';
import { siteLayout, windowsJoin, type AppAnswers, type SiteLayout } from '../site/layout.js';
import {
  handlerPlaceholder,
  hiddenExtensions,
  hiddenSegments,
  iisSetupScript,
  iisSetupSegment,
  provisioningSegment,
  pythonHandlerName,
  pythonRuleName,
  staticRuleName,
  staticSampleName,
} from './names.js';

export type WebConfigAnswers = Pick<
  SiteAnswers,
  | 'module'
  | 'moduleDir'
  | 'callable'
  | 'framework'
  | 'host'
  | 'server'
  | 'python'
  | 'interpreter'
  | 'wfastcgi'
  | 'siteRoot'
  | 'routing'
  | 'staticDir'
  | 'serveFiles'
  | 'wsgiLog'
  | 'harden'
  | 'provision'
>;

/** What HttpPlatformHandler starts: waitress serving the WSGI callable on the port IIS gives it. */
export interface HttpPlatformLayout {
  readonly processPath: string;
  readonly arguments: string;
  readonly stdoutLogFile: string;
  readonly environmentVariables: readonly { name: string; value: string }[];
}

/** Every value the web.config templates use, derived from the answers in one place. */
export interface WebConfigLayout extends SiteLayout {
  readonly server: Server;
  readonly routing: Routing;
  readonly handler: { name: string; path: string; modules: string; resourceType: string; requireAccess?: string };
  readonly httpPlatform?: HttpPlatformLayout;
  readonly pythonRuleName: string;
  readonly staticRuleName: string;
  /** The static folder, / separated, or '' for none. */
  readonly staticDir: string;
  /** URL Rewrite's pattern for the static folder's URLs (the path without its leading /). */
  readonly staticUrlPattern: string;
  /** Under `rewrite`: whether only the static folder's files are served as files. */
  readonly staticOnly: boolean;
  readonly wsgiLog: string;
  readonly harden: boolean;
  readonly hiddenSegments: readonly { segment: string; what: string }[];
  readonly hiddenExtensions: typeof hiddenExtensions;
}

export function webConfigLayout(answers: WebConfigAnswers): WebConfigLayout {
  const site = siteLayout(answers);
  const host = findHost(answers.host);
  const server = findServer(answers.server);
  const httpPlatform = server.pythonServer !== undefined;
  const everyPath = everyPathToPython(answers);
  let handler: WebConfigLayout['handler'];
  if (httpPlatform) handler = { name: pythonHandlerName, path: '*', modules: server.handlerModule, resourceType: 'Unspecified' };
  // A handler on * must not need a file on disk (Unspecified); the placeholder's may be either.
  else if (everyPath) handler = { name: pythonHandlerName, path: '*', modules: server.handlerModule, resourceType: 'Unspecified', requireAccess: 'Script' };
  else handler = { name: pythonHandlerName, path: handlerPlaceholder, modules: server.handlerModule, resourceType: 'Either' };
  return {
    server: answers.server,
    routing: everyPath ? 'wildcard' : 'rewrite',
    handler,
    httpPlatform: httpPlatform
      ? {
          // Azure's deployment installs waitress into the site's virtualenv for its built-in Pythons.
          processPath: isAzureBuiltIn(site.runtime) ? windowsJoin(answers.siteRoot, 'env', 'Scripts', 'python.exe') : site.runtime.interpreter,
          arguments: waitressArguments(answers),
          stdoutLogFile: windowsJoin(host.logFolder, 'python.log'),
          // Like wfastcgi's pythonpath setting: the module's folder goes on sys.path.
          environmentVariables: [{ name: 'PYTHONPATH', value: site.pythonPath }, ...site.frameworkSettings],
        }
      : undefined,
    pythonRuleName,
    staticRuleName,
    staticDir: answers.staticDir,
    staticUrlPattern: `^${escapeRegExp(answers.staticDir)}/`,
    staticOnly: answers.serveFiles === 'static-only' && answers.staticDir !== '',
    wsgiLog: answers.wsgiLog,
    harden: answers.harden,
    hiddenSegments: [
      ...hiddenSegments,
      ...(host.setupScript ? [iisSetupSegment] : []),
      ...(isProvisioned(answers) ? [provisioningSegment] : []),
    ],
    hiddenExtensions,
    ...site,
  };
}

/** HttpPlatformHandler's arguments: python -m waitress on the port it passes, serving <module>:<callable>. */
export function waitressArguments(answers: AppAnswers): string {
  return `-m waitress --port=%HTTP_PLATFORM_PORT% ${findFramework(answers.framework).serverTarget(answers.module, answers.callable)}`;
}

/** Whether the Python handler takes every path: HttpPlatformHandler, or `wildcard` routing. */
export function everyPathToPython(answers: Pick<SiteAnswers, 'routing' | 'server'>): boolean {
  return findServer(answers.server).pythonServer !== undefined || answers.routing === 'wildcard';
}

/** A web.config the generator writes: the site's, or the static folder's under `wildcard` routing. */
export interface WebConfigFile {
  /** Relative to the site root, / separated. */
  readonly path: string;
  readonly template: string;
  readonly purpose: string;
}

export function webConfigTemplates(answers: Pick<WebConfigAnswers, 'routing' | 'server' | 'staticDir'>): WebConfigFile[] {
  const what = findServer(answers.server).pythonServer ? 'HttpPlatformHandler running waitress' : 'the Python handler, URL Rewrite rules and app settings';
  const files: WebConfigFile[] = [{ path: 'web.config', template: 'web.config.ejs', purpose: `${what}, for IIS` }];
  // Under `rewrite` the static folder needs nothing: the rule already leaves it to IIS.
  if (everyPathToPython(answers) && answers.staticDir !== '') {
    files.push({ path: `${answers.staticDir}/web.config`, template: 'static-web.config.ejs', purpose: 'removes the Python handler in the static folder' });
  }
  return files;
}

/** The site files besides web.config that the routing needs. */
/** The placeholder and the static folder's sample file; no sample in a static folder that holds the user's files already. */
export function routingFiles(
  answers: Pick<WebConfigAnswers, 'routing' | 'server' | 'staticDir'>,
  staticFolderIsUsers = false,
): { path: string; contents: string; purpose: string }[] {
  const files: { path: string; contents: string; purpose: string }[] = [];
  if (!everyPathToPython(answers)) {
    files.push({ path: handlerPlaceholder, contents: '', purpose: 'the empty file the handler is mapped to (FastCGI needs it to exist)' });
  }
  if (answers.staticDir !== '' && !staticFolderIsUsers) {
    files.push({
      path: `${answers.staticDir}/${staticSampleName}`,
      contents: 'This file is served by IIS itself, not by Python: everything in this folder is.\n',
      purpose: 'a sample static file: IIS serves this folder itself',
    });
  }
  return files;
}

/** What the user should know about the routing chosen, one line each. */
export function routingNotes(answers: Pick<WebConfigAnswers, 'host' | 'server' | 'routing' | 'staticDir' | 'serveFiles' | 'harden'>): string[] {
  const notes: string[] = [];
  const staticUrls = `/${answers.staticDir}/`;
  if (findServer(answers.server).pythonServer) {
    const except = answers.staticDir ? `, except under ${staticUrls}, which IIS serves itself` : '';
    notes.push(`--server httpplatform: every request, static files included, goes to waitress${except}. Install requirements.txt into the site's Python (pip install -r requirements.txt).`);
  } else if (answers.routing === 'wildcard') {
    const except = answers.staticDir ? `, except under ${staticUrls}, which IIS serves itself` : '';
    notes.push(`--routing wildcard: every request, static files included, goes through Python${except}.`);
  } else if (answers.serveFiles === 'static-only' && answers.staticDir) {
    notes.push(`--serve-files static-only: IIS serves only the files under ${staticUrls}; every other URL goes to Python.`);
  }
  if (findHost(answers.host).setupScript) {
    notes.push(`--host iis: an administrator runs ${iisSetupScript} once on the server (it registers the FastCGI application web.config names, and unlocks handlers).`);
    if (!everyPathToPython(answers)) {
      notes.push('--routing rewrite needs IIS\'s URL Rewrite module (setup-iis.ps1 checks for it); without it, --routing wildcard is the set-up that works.');
    }
  }
  if (!answers.harden) {
    notes.push('--no-harden: IIS serves any file of the site it knows the type of, .yo-rc.json and requirements.txt included.');
  }
  return notes;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
