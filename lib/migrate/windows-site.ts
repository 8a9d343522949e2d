import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Element } from '../xml/tree.js';
import { linuxAppSettingsFile } from '../azure/linux.js';
import { findHost } from '../catalog/hosts.js';
import { migrationNotesFile, wrapperFile } from './names.js';
import { windowsRuntimeWith } from '../catalog/runtimes.js';
import { handlerKind } from '../iis/handlers.js';
import { handlerPlaceholder, iisSetupScript } from '../iis/names.js';
import { requestOutcome } from '../iis/request-pipeline.js';
import { configuredAnswers, detectApps } from '../site/detect.js';
import {
  expandAzureVariables,
  filesOf,
  httpPlatformApp,
  localPath,
  moduleFileIn,
  nameOnDisk,
  readExistingSite,
  serverPathInSite,
  sitePath,
  type ExistingSite,
} from '../site/existing.js';

/*
 * A Windows site as the migration reads it: what its web.config (wfastcgi's or
 * HttpPlatformHandler's) or its portal settings files make IIS and the Python server do. The
 * reading is ExistingSite's (the doctor's); this adds what only a move needs.
 */

/** The WSGI app the Windows site serves, as wfastcgi (or waitress) finds it. */
export interface WindowsApp {
  /** The module Python imports: the longest prefix of the name the site has a file for (wfastcgi's rule). */
  readonly module: string;
  /** The attributes after it, in order: `app.wsgi_app` is module app, attributes [wsgi_app]. */
  readonly attributes: readonly string[];
  /** Whether the last attribute is called to get the app (WSGI_HANDLER's trailing "()", waitress's --call). */
  readonly factory: boolean;
  /** What named it, in words: `WSGI_HANDLER app.wsgi_app (web.config)`. */
  readonly from: string;
  /** The folder the module is in when nothing on PYTHONPATH says (a script HttpPlatformHandler started there), relative. */
  readonly folder?: string;
}

/** An entry of the site's PYTHONPATH: its folder in this site (relative, / separated, '.' for the root), or outside it. */
export interface PythonPathEntry {
  readonly entry: string;
  readonly folder?: string;
}

export interface WindowsSite {
  readonly site: ExistingSite;
  /** Where the configuration is: web.config (Option 2, HttpPlatformHandler), or the portal's settings file (Option 1). */
  readonly configuredIn: string;
  readonly server: 'wfastcgi' | 'httpplatform';
  readonly app: WindowsApp;
  readonly pythonPath: readonly PythonPathEntry[];
  /** The Python the site runs on Windows: its version where known, and what said so. */
  readonly python: { readonly version?: string; readonly from: string };
  /** Every app setting (and HttpPlatformHandler environment variable) by name as written, with where it is. */
  readonly settings: readonly { readonly name: string; readonly value: string; readonly from: string }[];
  /** The site's files IIS serves itself (not through Python), relative and / separated. */
  readonly staticFiles: readonly string[];
  /** Elements of web.config's system.webServer (and location) that configure IIS itself, by path. */
  readonly iisElements: readonly Element[];
  /** The files that are the Windows configuration only (what --remove-windows-files removes). */
  readonly windowsFiles: readonly string[];
  /** What the reading could not settle, one line each. */
  readonly notes: readonly string[];
}

/** A folder that holds no Windows site: what was looked for, in one line. */
export class NoWindowsSiteError extends Error {
  constructor(
    folder: string,
    readonly detail: string,
  ) {
    super(`${folder} holds no Windows site to migrate: ${detail}`);
    this.name = 'NoWindowsSiteError';
  }
}

const lookedFor =
  "no web.config with a wfastcgi (FastCgiModule) or HttpPlatformHandler handler, and no azure/appsettings.json with WSGI_HANDLER (the portal's settings)";

// wfastcgi's own settings, which say how wfastcgi runs the app: on Linux, gunicorn's options do.
export const wfastcgiSettings = [
  'WSGI_HANDLER',
  'PYTHONPATH',
  'WSGI_LOG',
  'WSGI_RESTART_FILE_REGEX',
  'WSGI_ALT_VIRTUALENV_HANDLER',
  'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS',
  'WSGI_PTVSD_SECRET',
  'WSGI_PTVSD_ADDRESS',
  'WSGI_PTVSD_EXCLUDE',
] as const;

/** Reads the Windows site in `folder`; a folder with none is a NoWindowsSiteError naming what was looked for. */
export function readWindowsSite(folder: string): WindowsSite {
  const site = asWindowsSite(readExistingSite(folder));
  if (site.webConfigError) throw new NoWindowsSiteError(folder, `web.config cannot be read (${site.webConfigError.message})`);
  const notes: string[] = [];
  const kind = site.handler ? handlerKind(site.handler, true) : undefined;
  const portal = !site.webConfig && site.settings.WSGI_HANDLER !== undefined;
  if (kind !== 'fastcgi' && kind !== 'httpplatform' && !(site.webConfig && site.settings.WSGI_HANDLER) && !portal) {
    throw new NoWindowsSiteError(folder, lookedFor);
  }
  const configuredIn = site.webConfig ? nameOnDisk(folder, 'web.config')! : 'azure/appsettings.json';
  const server = kind === 'httpplatform' ? 'httpplatform' : 'wfastcgi';
  const platform = server === 'httpplatform' ? site.webConfig?.getElementsByTagName('httpPlatform')[0] : undefined;
  const variables = platform ? environmentVariables(platform) : [];
  const settings = [
    ...Object.entries(site.rawSettings).map(([name, value]) => ({ name, value, from: site.webConfig ? `${configuredIn} appSettings` : configuredIn })),
    ...variables.map(({ name, value }) => ({ name, value, from: `${configuredIn} httpPlatform environmentVariables` })),
  ];
  const pythonPathValue = platform ? variables.find(variable => variable.name.toUpperCase() === 'PYTHONPATH')?.value ?? '' : site.settings.PYTHONPATH ?? '';
  const pythonPath = pythonPathEntries(site, pythonPathValue, platform !== undefined);
  // wfastcgi's sys.path: the site root, then PYTHONPATH's folders.
  const roots = [folder, ...pythonPath.flatMap(entry => (entry.folder === undefined ? [] : [path.join(folder, entry.folder)]))];
  const app = platform ? platformAppOf(site, platform, notes) : handlerApp(site, configuredIn, roots, notes);
  return {
    site,
    configuredIn,
    server,
    app,
    pythonPath,
    python: pythonOf(site, platform),
    settings,
    staticFiles: site.webConfig ? servedByIis(site, notes) : [],
    iisElements: site.webConfig ? iisElementsOf(site) : [],
    windowsFiles: windowsFilesOf(site),
    notes,
  };
}

/**
 * The site as it is on Windows. A Windows host kept in .yo-rc.json says where its site root is;
 * otherwise (no answers, or a migrated site's, which say Linux) the kept site root, else the one
 * PYTHONPATH shows (C:\\inetpub\\wwwroot\\src holding src/main_app.py, as detection reads it),
 * else Azure's.
 */
function asWindowsSite(site: ExistingSite): ExistingSite {
  if (site.hostFrom !== undefined && site.host !== 'linux') return site;
  const azureRoot = findHost('azure').siteRoot('');
  const keptRoot = typeof site.kept.siteRoot === 'string' ? site.kept.siteRoot : undefined;
  const siteRoot = keptRoot ?? configuredAnswers(site).answers.siteRoot ?? azureRoot;
  return { ...site, host: siteRoot.toLowerCase() === azureRoot.toLowerCase() ? 'azure' : 'iis', siteRoot };
}

function environmentVariables(platform: Element): { name: string; value: string }[] {
  return Array.from(platform.getElementsByTagName('environmentVariable')).map(variable => ({ name: variable.getAttribute('name') ?? '', value: variable.getAttribute('value') ?? '' }));
}

/**
 * PYTHONPATH's entries: under the site root, the folders of this site; relative ones (an
 * HttpPlatformHandler environment variable) from the site root, where its process starts.
 */
function pythonPathEntries(site: ExistingSite, value: string, relativeFromRoot: boolean): PythonPathEntry[] {
  return value
    .split(';')
    .map(entry => entry.trim())
    .filter(entry => entry !== '')
    .map(entry => {
      const local = relativeFromRoot ? serverPathInSite(site, entry) : localPath(site, entry);
      if (local === undefined) return { entry };
      const relative = path.relative(site.folder, local).split(path.sep).join('/');
      return { entry, folder: relative === '' ? '.' : relative };
    });
}

/**
 * wfastcgi's WSGI_HANDLER as module and attributes: wfastcgi imports the longest prefix that is
 * a module, then takes the attributes; here, the longest prefix the site has a file for, else
 * (a package of the Python's, such as django.core.wsgi) all but the last name. Visual Studio's
 * virtualenv proxy loads WSGI_ALT_VIRTUALENV_HANDLER, the real app.
 */
function handlerApp(site: ExistingSite, configuredIn: string, roots: readonly string[], notes: string[]): WindowsApp {
  let handler = site.settings.WSGI_HANDLER?.trim() ?? '';
  let from = `WSGI_HANDLER ${handler} (${configuredIn})`;
  if (/^ptvs_virtualenv_proxy\.get_(venv|virtualenv)_handler\(\)$/.test(handler) && site.settings.WSGI_ALT_VIRTUALENV_HANDLER) {
    handler = site.settings.WSGI_ALT_VIRTUALENV_HANDLER.trim();
    from = `WSGI_ALT_VIRTUALENV_HANDLER ${handler} (${configuredIn}), which Visual Studio's virtualenv proxy (WSGI_HANDLER ${site.settings.WSGI_HANDLER}) loads`;
    notes.push(`Visual Studio's virtualenv proxy is not needed on Linux: Oryx installs requirements.txt into the site's own virtualenv, and gunicorn imports the app itself`);
  }
  if (handler === '') throw new NoWindowsSiteError(site.folder, `${configuredIn} runs wfastcgi, and sets no WSGI_HANDLER: the app it serves is unknown`);
  return appFromName(handler, from, roots);
}

function appFromName(handler: string, from: string, roots: readonly string[]): WindowsApp {
  const factory = handler.endsWith('()');
  const names = (factory ? handler.slice(0, -2) : handler).split('.');
  if (names.length < 2 || names.some(name => !/^[A-Za-z_]\w*$/.test(name))) {
    throw new Error(`${from}: ${JSON.stringify(handler)} is not <module>.<name>, so wfastcgi cannot import it either: correct it (npx generator-azure-python doctor says how), then run again`);
  }
  let cut = names.length - 1;
  while (cut > 0 && moduleFileIn(roots, names.slice(0, cut).join('.')) === undefined) cut--;
  if (cut === 0) cut = names.length - 1;
  return { module: names.slice(0, cut).join('.'), attributes: names.slice(cut), factory, from };
}

/** The app HttpPlatformHandler's process serves: waitress's target, Django's project for runserver, or the app found in the script it starts. */
function platformAppOf(site: ExistingSite, platform: Element, notes: string[]): WindowsApp {
  const started = httpPlatformApp(platform);
  const command = `${platform.getAttribute('processPath') ?? ''} ${platform.getAttribute('arguments') ?? ''}`.trim();
  if (started?.kind === 'waitress') {
    const [module, attribute] = started.target.split(':') as [string, string];
    return { module, attributes: attribute.split('.'), factory: started.factory, from: `waitress's ${started.factory ? '--call ' : ''}${started.target} (httpPlatform arguments)` };
  }
  const apps = detectApps(site.folder).apps;
  const script = started?.kind === 'script' ? scriptInSite(site, started.script) : undefined;
  if (started?.kind === 'script' && started.runserver && script) {
    // manage.py's folder is the project's: Django's own layout, wherever the site put it.
    const projectFolder = path.posix.dirname(script);
    const django = detectApps(path.join(site.folder, projectFolder)).apps.find(app => app.framework === 'django');
    if (django) {
      notes.push(`HttpPlatformHandler ran Django's development server (${command}); gunicorn serves the same project, as Django's documentation says to in production`);
      return { module: `${django.module}.wsgi`, attributes: ['application'], factory: false, from: `the Django project ${django.module} that ${script} runserver serves`, ...(projectFolder === '.' ? {} : { folder: projectFolder }) };
    }
  }
  const inScript = script && apps.find(app => `${app.moduleDir === '.' ? '' : `${app.moduleDir}/`}${app.module}.py` === script);
  if (inScript) {
    notes.push(`HttpPlatformHandler started ${script}, a server of its own; gunicorn serves the app it defines, ${inScript.module}.${inScript.callable}, instead`);
    return { module: inScript.module, attributes: [inScript.callable], factory: false, from: `${inScript.callable} in ${script}, which HttpPlatformHandler started`, folder: inScript.moduleDir };
  }
  const launched = script ? launchedApp(site, script) : undefined;
  if (launched) {
    notes.push(`HttpPlatformHandler started ${script}, which runs ${launched.module}.${launched.attributes[0]} on a server of its own; gunicorn serves that app instead`);
    return launched;
  }
  throw new NoWindowsSiteError(site.folder, `HttpPlatformHandler starts ${command || 'a process'}, and no WSGI app was found in it to serve with gunicorn`);
}

/**
 * The app a launcher script imports and runs (Visual Studio's runserver.py: `from app import
 * app`, then `app.run(HOST, PORT)`), as module and name, from the script's folder.
 */
function launchedApp(site: ExistingSite, script: string): WindowsApp | undefined {
  const file = path.join(site.folder, script);
  if (!existsSync(file)) return undefined;
  const source = readFileSync(file, 'utf8');
  for (const [, module, names] of source.matchAll(/^from\s+([A-Za-z_][\w.]*)\s+import\s+([\w\s,]+)$/gm)) {
    const name = names!.split(',').map(part => part.trim()).find(candidate => new RegExp(`^\\s*${candidate}\\.run\\(`, 'm').test(source));
    if (name) {
      const folder = path.posix.dirname(script);
      return { module: module!, attributes: [name], factory: false, from: `${name} of ${module}, which ${script} runs (HttpPlatformHandler starts it)`, ...(folder === '.' ? {} : { folder }) };
    }
  }
  return undefined;
}

/** A script HttpPlatformHandler starts, as a file of this site (relative, / separated): absolute under the site root, or relative from it. */
function scriptInSite(site: ExistingSite, script: string): string | undefined {
  const file = serverPathInSite(site, script);
  return file === undefined ? undefined : sitePath(site, file);
}

/** The Python version of the site: runtime.txt's, else the interpreter's (a runtime row, or the digits of its folder: C:\\Python310 is 3.10). */
function pythonOf(site: ExistingSite, platform: Element | undefined): WindowsSite['python'] {
  const runtimeTxt = nameOnDisk(site.folder, 'runtime.txt');
  if (runtimeTxt) {
    const version = /^python-(\d+)\.(\d+)/.exec(readFileSync(path.join(site.folder, runtimeTxt), 'utf8').trim());
    if (version) return { version: `${version[1]}.${version[2]}`, from: `${runtimeTxt} (${version[0]})` };
  }
  const interpreter = platform ? platform.getAttribute('processPath') ?? '' : (site.handler?.getAttribute('scriptProcessor') ?? '').split('|')[0]!.trim();
  if (interpreter === '') return { from: 'nothing in the site names its Python (the portal chose it)' };
  const row = windowsRuntimeWith(expandAzureVariables(interpreter));
  if (row) return { version: row.version.replace(/-x86$/, '').split('.').slice(0, 2).join('.'), from: interpreter };
  const digits = /python[-_]?(\d)\.?(\d{1,2})/i.exec(interpreter);
  if (digits) {
    // Python35, python364x64: one digit of minor version for 3.0-3.9 when three digits follow (a patch release).
    const minor = digits[2]!.length === 2 && /python[-_]?\d\d\d\d/i.test(interpreter) ? digits[2]![0]! : digits[2]!;
    return { version: `${digits[1]}.${minor}`, from: interpreter };
  }
  return { from: `${interpreter}, whose version its path does not say` };
}

// What a migration wrote (on a re-run): the Linux site's, never the Windows site's files.
const migrationOutputs = [path.posix.dirname(linuxAppSettingsFile), wrapperFile, migrationNotesFile];

/**
 * The site's files that IIS serves itself, as the IIS model answers a GET of each: request
 * filtering, URL Rewrite and the handlers decide, so every rule that left a folder to IIS is
 * taken into account. The Windows configuration files themselves are left out.
 */
function servedByIis(site: ExistingSite, notes: string[]): string[] {
  const served: string[] = [];
  for (const file of filesOf(site.folder)) {
    if (/(^|\/)web\.config$/i.test(file) || file.endsWith('.py') || file.startsWith('.') || migrationOutputs.some(output => file === output || file.startsWith(`${output}/`))) continue;
    try {
      if (requestOutcome(site.folder, `/${file.split('/').map(encodeURIComponent).join('/')}`).kind === 'file') served.push(file);
    } catch (error) {
      notes.push(`What IIS does with /${file} was not worked out (${(error as Error).message}): check the static files on Linux`);
      break;
    }
  }
  return served;
}

/** The elements under system.webServer (at the root and in <location>s) that configure IIS itself. */
function iisElementsOf(site: ExistingSite): Element[] {
  const found: Element[] = [];
  const webServers = Array.from(site.webConfig!.getElementsByTagName('system.webServer'));
  for (const webServer of webServers) for (const element of Array.from(webServer.childNodes)) if (element.nodeType === 1) found.push(element as Element);
  return found;
}

/** The Windows configuration's own files that the site has. */
function windowsFilesOf(site: ExistingSite): string[] {
  const candidates = [
    ...filesOf(site.folder).filter(file => /(^|\/)web\.config$/i.test(file)),
    handlerPlaceholder,
    iisSetupScript,
    'ptvs_virtualenv_proxy.py',
    'azure/appsettings.json',
    'azure/handler-mappings.json',
    'azure/portal-steps.md',
  ];
  const files = candidates.map(file => nameOnDisk(site.folder, file)).filter((file): file is string => file !== undefined && statSync(path.join(site.folder, file)).isFile());
  // The Windows site's ARM template, not a Linux one.
  if (isWindowsTemplate(path.join(site.folder, 'azure', 'azuredeploy.json'))) files.push('azure/azuredeploy.json');
  return [...new Set(files)];
}

/** Whether `file` is an ARM template whose plan is a Windows one (a Linux plan is `reserved`). */
function isWindowsTemplate(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const template = JSON.parse(readFileSync(file, 'utf8')) as { resources?: { type?: string; properties?: { reserved?: boolean } }[] };
    const plan = template.resources?.find(resource => resource.type === 'Microsoft.Web/serverfarms');
    return plan !== undefined && plan.properties?.reserved !== true;
  } catch {
    return false;
  }
}
