import type { SiteAnswers } from './answers.js';
import { findFramework } from './frameworks.js';
import { findHost, type Server } from './hosts.js';
import { isAzureBuiltIn } from './runtimes.js';
import { siteLayout, windowsJoin, type SiteLayout } from './site.js';
import type { FileMerge } from './file-plan.js';
import { mergeDocument, type KeyedList } from './xml-merge.js';
import { parseXmlText, serializeXmlText } from './xml-text.js';

/** How requests reach Python: the document's URL Rewrite set-up, or its handler on every path. */
export const routingChoices = [
  { value: 'rewrite', label: 'rewrite: URL Rewrite sends every request that is not a file to Python; IIS serves the files (recommended)' },
  { value: 'wildcard', label: 'wildcard: the handler takes every path, static files included (no URL Rewrite module needed)' },
] as const;

export type Routing = (typeof routingChoices)[number]['value'];

/** Which files IIS serves itself under `rewrite` routing. */
export const serveFilesChoices = [
  { value: 'existing', label: 'existing: any file in the site that IIS has a MIME type for' },
  { value: 'static-only', label: 'static-only: only files under the static folder; every other URL goes to Python' },
] as const;

export type ServeFiles = (typeof serveFilesChoices)[number]['value'];

/** The placeholder the `rewrite` handler is mapped to: with resourceType="Either" the path must exist on disk. */
export const handlerPlaceholder = 'handler.fcgi';
/** On --host iis: what the administrator runs once. */
export const iisSetupScript = 'setup-iis.ps1';
export const pythonHandlerName = 'PythonHandler';
export const pythonRuleName = 'Configure Python';
export const staticRuleName = 'Static folder';
/** The file written in the static folder, so that it exists and can be tried: /<folder>/hello.txt. */
export const staticSampleName = 'hello.txt';

/**
 * What request filtering hides by default. A hidden segment is refused anywhere in a URL, so
 * it also refuses an app route of the same name: each entry's comment says so.
 */
export const hiddenSegments = [
  { segment: '.yo-rc.json', what: "this generator's answers" },
  { segment: '.gitignore', what: "git's list of ignored files" },
  { segment: 'requirements.txt', what: 'the Python dependencies' },
  { segment: 'runtime.txt', what: "the Python version for Azure's deployment" },
  { segment: 'env', what: "the virtualenv Azure's deployment creates" },
  { segment: '__pycache__', what: "Python 3's bytecode folder" },
  { segment: 'README.md', what: "the site's own notes" },
] as const;

const iisSetupSegment = { segment: iisSetupScript, what: "the administrator's set-up script" };
const provisioningSegment = { segment: 'azure', what: 'the ARM template that creates the site' };

export const hiddenExtensions = [
  { extension: '.pyc', what: 'Python bytecode' },
  { extension: '.pyo', what: 'optimised Python bytecode' },
] as const;

export type WebConfigAnswers = Pick<
  SiteAnswers,
  | 'module'
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
  const httpPlatform = answers.server === 'httpplatform';
  const everyPath = httpPlatform || answers.routing === 'wildcard';
  let handler: WebConfigLayout['handler'];
  if (httpPlatform) handler = { name: pythonHandlerName, path: '*', modules: 'httpPlatformHandler', resourceType: 'Unspecified' };
  // A handler on * must not need a file on disk (Unspecified); the placeholder's may be either.
  else if (everyPath) handler = { name: pythonHandlerName, path: '*', modules: 'FastCgiModule', resourceType: 'Unspecified', requireAccess: 'Script' };
  else handler = { name: pythonHandlerName, path: handlerPlaceholder, modules: 'FastCgiModule', resourceType: 'Either' };
  return {
    ...site,
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
      ...(answers.host === 'iis' ? [iisSetupSegment] : []),
      ...(answers.provision && answers.host === 'azure' ? [provisioningSegment] : []),
    ],
    hiddenExtensions,
  };
}

/** HttpPlatformHandler's arguments: python -m waitress on the port it passes, serving <module>:<callable>. */
export function waitressArguments(answers: Pick<SiteAnswers, 'module' | 'callable' | 'framework'>): string {
  return `-m waitress --port=%HTTP_PLATFORM_PORT% ${findFramework(answers.framework).serverTarget(answers.module, answers.callable)}`;
}

/** A web.config the generator writes: the site's, or the static folder's under `wildcard` routing. */
export interface WebConfigFile {
  /** Relative to the site root, / separated. */
  readonly path: string;
  readonly template: string;
}

export function webConfigTemplates(answers: Pick<WebConfigAnswers, 'routing' | 'server' | 'staticDir'>): WebConfigFile[] {
  const files: WebConfigFile[] = [{ path: 'web.config', template: 'web.config.ejs' }];
  // Under `rewrite` the static folder needs nothing: the rule already leaves it to IIS.
  if ((answers.routing === 'wildcard' || answers.server === 'httpplatform') && answers.staticDir !== '') {
    files.push({ path: `${answers.staticDir}/web.config`, template: 'static-web.config.ejs' });
  }
  return files;
}

/** The site files besides web.config that the routing needs. */
export function routingFiles(answers: Pick<WebConfigAnswers, 'routing' | 'server' | 'staticDir'>): { path: string; contents: string }[] {
  const files: { path: string; contents: string }[] = [];
  if (answers.routing === 'rewrite' && answers.server !== 'httpplatform') files.push({ path: handlerPlaceholder, contents: '' });
  if (answers.staticDir !== '') {
    files.push({
      path: `${answers.staticDir}/${staticSampleName}`,
      contents: 'This file is served by IIS itself, not by Python: everything in this folder is.\n',
    });
  }
  return files;
}

/** What the user should know about the routing chosen, one line each. */
export function routingNotes(answers: Pick<WebConfigAnswers, 'host' | 'server' | 'routing' | 'staticDir' | 'serveFiles' | 'harden'>): string[] {
  const notes: string[] = [];
  const staticUrls = `/${answers.staticDir}/`;
  if (answers.server === 'httpplatform') {
    const except = answers.staticDir ? `, except under ${staticUrls}, which IIS serves itself` : '';
    notes.push(`--server httpplatform: every request, static files included, goes to waitress${except}. Install requirements.txt into the site's Python (pip install -r requirements.txt).`);
  } else if (answers.routing === 'wildcard') {
    const except = answers.staticDir ? `, except under ${staticUrls}, which IIS serves itself` : '';
    notes.push(`--routing wildcard: every request, static files included, goes through Python${except}.`);
  } else if (answers.serveFiles === 'static-only' && answers.staticDir) {
    notes.push(`--serve-files static-only: IIS serves only the files under ${staticUrls}; every other URL goes to Python.`);
  }
  if (answers.host === 'iis') {
    notes.push(`--host iis: an administrator runs ${iisSetupScript} once on the server (it registers the FastCGI application web.config names, and unlocks handlers).`);
    if (answers.routing === 'rewrite' && answers.server !== 'httpplatform') {
      notes.push('--routing rewrite needs IIS\'s URL Rewrite module (setup-iis.ps1 checks for it); without it, --routing wildcard is the set-up that works.');
    }
  }
  if (!answers.harden) {
    notes.push('--no-harden: IIS serves any file of the site it knows the type of, .yo-rc.json and requirements.txt included.');
  }
  return notes;
}

/**
 * The lists of a web.config whose items the generator adds or updates, each told apart by
 * its key as IIS does: a unique key of IIS's schema is case-insensitive unless the schema
 * says caseSensitive (handler names). wfastcgi puts app settings into the environment, where
 * Windows ignores case (so `pythonpath` and `PYTHONPATH` are one setting).
 */
export const webConfigLists: readonly KeyedList[] = [
  { path: ['appSettings', 'add'], key: 'key', ignoreCase: true, update: 'attributes', placement: 'end' },
  { path: ['system.webServer', 'handlers', 'add'], key: 'name', ignoreCase: false, update: 'attributes', placement: 'first' },
  { path: ['system.webServer', 'handlers', 'remove'], key: 'name', ignoreCase: false, update: 'attributes', placement: 'first' },
  {
    path: ['system.webServer', 'rewrite', 'rules', 'rule'],
    key: 'name',
    ignoreCase: true,
    update: 'replace',
    placement: 'end',
    // Under `wildcard` routing, or without a static folder, these rules would send requests where no handler is.
    ownedKeys: [staticRuleName, pythonRuleName],
  },
  {
    path: ['system.webServer', 'httpPlatform', 'environmentVariables', 'environmentVariable'],
    key: 'name',
    ignoreCase: true,
    update: 'attributes',
    placement: 'end',
  },
  {
    path: ['system.webServer', 'security', 'requestFiltering', 'hiddenSegments', 'add'],
    key: 'segment',
    ignoreCase: true,
    update: 'attributes',
    placement: 'end',
  },
  {
    path: ['system.webServer', 'security', 'requestFiltering', 'fileExtensions', 'add'],
    key: 'fileExtension',
    ignoreCase: true,
    update: 'attributes',
    placement: 'end',
  },
];

/**
 * Merges the generated web.config into the existing one (`file` names it in errors): our
 * settings, handler, rules and filtering entries are added or updated; everything else stays.
 * Throws an XmlSyntaxError when either is not well-formed.
 */
export function mergeWebConfig(existing: string, generated: string, file: string): FileMerge {
  const target = parseXmlText(existing, file);
  const root = target.document.documentElement!.nodeName;
  if (root !== 'configuration') {
    throw new Error(`${file} is not an IIS configuration file: its root element is <${root}>, not <configuration>; it was left as it is.`);
  }
  const desired = parseXmlText(generated, `the generated ${file}`);
  const changes = mergeDocument(target.document, desired.document, webConfigLists);
  if (changes.length === 0) return { text: existing, change: 'none', changes };
  const change = changes.some(candidate => candidate.kind === 'modification') ? 'modification' : 'addition';
  return { text: serializeXmlText(target), change, changes };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
