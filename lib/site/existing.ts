import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, Element } from '../xml/tree.js';
import { hostNames, type HostName } from '../answers/model.js';
import { readKeptAnswers } from '../answers/sources.js';
import { findHost } from '../catalog/hosts.js';
import { handlerKind } from '../iis/handlers.js';
import { children } from '../xml/dom.js';
import { parseXmlText, XmlSyntaxError } from '../xml/text.js';
import { packageName } from './package-names.js';

/*
 * An existing site, generated or hand-written, as it is on disk: what the doctor checks (and
 * what detection, serve and migrate read). Reading changes nothing.
 */

export interface ExistingSite {
  readonly folder: string;
  /** The generator's answers in .yo-rc.json, if the site has them. */
  readonly kept: Record<string, unknown>;
  readonly siteRoot: string;
  readonly host: HostName;
  /** Where the host and site root come from: `.yo-rc.json`, or undefined for the defaults (Azure's). */
  readonly hostFrom?: string;
  readonly webConfig?: Document;
  readonly webConfigError?: XmlSyntaxError;
  /** App settings, by upper-cased name: web.config's, else the portal files'. */
  readonly settings: Record<string, string>;
  /** The same, by their names as written. */
  readonly rawSettings: Record<string, string>;
  readonly handler?: Element;
}

/**
 * The site's own name for `relative` (/ separated), matched without regard to case segment by
 * segment, as Windows and IIS match it: `Web.config` for web.config. The exact name wins;
 * undefined when nothing of that name is there.
 */
export function nameOnDisk(folder: string, relative: string): string | undefined {
  let current = folder;
  const found: string[] = [];
  for (const segment of relative.split('/')) {
    let entries: string[];
    try {
      entries = readdirSync(current);
    } catch {
      return undefined;
    }
    const match = entries.includes(segment) ? segment : entries.find(entry => entry.toLowerCase() === segment.toLowerCase());
    if (match === undefined) return undefined;
    found.push(match);
    current = path.join(current, match);
  }
  return found.join('/');
}

export function readExistingSite(folder: string): ExistingSite {
  const kept = readKeptAnswers(folder);
  const keptHost = hostNames.find(name => name === kept.host);
  const host = keptHost ?? 'azure';
  const siteRoot = typeof kept.siteRoot === 'string' ? kept.siteRoot : findHost(host).siteRoot('');
  const settings: Record<string, string> = {};
  const rawSettings: Record<string, string> = {};
  let webConfig: Document | undefined;
  let webConfigError: XmlSyntaxError | undefined;
  let handler: Element | undefined;
  const webConfigName = nameOnDisk(folder, 'web.config');
  const webConfigFile = path.join(folder, webConfigName ?? 'web.config');
  if (webConfigName !== undefined && statSync(webConfigFile).isFile()) {
    try {
      webConfig = parseXmlText(readText(webConfigFile), webConfigName!).document;
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
      webConfigError = error;
    }
  }
  if (webConfig) {
    for (const add of children(webConfig.getElementsByTagName('appSettings')[0], 'add')) {
      settings[(add.getAttribute('key') ?? '').toUpperCase()] = add.getAttribute('value') ?? '';
      rawSettings[add.getAttribute('key') ?? ''] = add.getAttribute('value') ?? '';
    }
    // The Python handler: any FastCGI application's (the doctor checks its paths), or HttpPlatformHandler's.
    handler = children(webConfig.getElementsByTagName('handlers')[0], 'add').find(add => ['fastcgi', 'httpplatform'].includes(handlerKind(add, true) ?? ''));
  } else if (existsSync(path.join(folder, 'azure', 'appsettings.json'))) {
    const portal = JSON.parse(readFileSync(path.join(folder, 'azure', 'appsettings.json'), 'utf8')) as { name: string; value: string }[];
    for (const setting of portal) {
      settings[setting.name.toUpperCase()] = setting.value;
      rawSettings[setting.name] = setting.value;
    }
  }
  return { folder, kept, siteRoot, host, ...(keptHost ? { hostFrom: '.yo-rc.json' } : {}), webConfig, webConfigError, settings, rawSettings, handler };
}

/** A PYTHONPATH entry with App Service's variables expanded, as wfastcgi expands them there: %HOME% is D:\\home, %SystemDrive% D:. */
export function expandAzureVariables(entry: string): string {
  return entry.trim().replace(/^%HOME%/i, 'D:\\home').replace(/^%SystemDrive%/i, 'D:');
}

/** A Windows path of the server as a path of this site's folder; undefined for one outside the site root. */
export function localPath(site: ExistingSite, windowsPath: string): string | undefined {
  const entry = expandAzureVariables(windowsPath);
  const root = site.siteRoot.toLowerCase().replace(/\\$/, '');
  const lower = entry.toLowerCase();
  if (lower !== root && !lower.startsWith(`${root}\\`)) return undefined;
  return path.join(site.folder, ...entry.slice(root.length).split('\\').filter(Boolean));
}

/** An absolute path of the Windows server: a drive's, or one that starts with a variable (%HOME%). */
export const serverAbsolutePath = /^([A-Za-z]:\\|%\w+%)/;

/**
 * A path HttpPlatformHandler's process is given, as this site's file: an absolute one under the
 * site root, a relative one from the site root (where the process starts); undefined outside it.
 */
export function serverPathInSite(site: ExistingSite, serverPath: string): string | undefined {
  if (serverAbsolutePath.test(serverPath)) return localPath(site, serverPath);
  return path.join(site.folder, ...serverPath.split(/[\\/]/).filter(segment => segment !== '' && segment !== '.'));
}

/** PYTHONPATH's entries under the site root, as folders of this site; undefined for one outside it. */
export function localPaths(site: ExistingSite): (string | undefined)[] {
  return (site.settings.PYTHONPATH ?? '')
    .split(';')
    .filter(entry => entry.trim() !== '')
    .map(entry => localPath(site, entry));
}

/** The folders wfastcgi imports the app from, as this site's: PYTHONPATH's under the site root, then the site itself. */
export function importRoots(site: ExistingSite): string[] {
  return [...localPaths(site).filter((entry): entry is string => entry !== undefined), site.folder];
}

/** The file Python imports dotted `module` from, the first root having it: `<module>.py`, or its package's `__init__.py`. */
export function moduleFileIn(roots: readonly string[], module: string): string | undefined {
  const parts = module.split('.');
  return roots.flatMap(root => [path.join(root, ...parts) + '.py', path.join(root, ...parts, '__init__.py')]).find(candidate => existsSync(candidate));
}

/** What HttpPlatformHandler starts, read from processPath and arguments. */
export type HttpPlatformApp =
  | { readonly kind: 'waitress'; readonly target: string; readonly factory: boolean }
  | { readonly kind: 'script'; readonly script: string; readonly runserver: boolean }
  | { readonly kind: 'module'; readonly module: string };

export function httpPlatformApp(platform: Element): HttpPlatformApp | undefined {
  const processPath = platform.getAttribute('processPath') ?? '';
  const argumentWords = commandWords(platform.getAttribute('arguments') ?? '');
  const waitressWords = /waitress-serve(\.exe)?$/i.test(processPath) ? argumentWords : argumentWords[0] === '-m' && argumentWords[1] === 'waitress' ? argumentWords.slice(2) : undefined;
  if (waitressWords) {
    // waitress-serve's one positional argument is the app, module:callable; options come before it.
    const target = waitressWords.filter(word => /^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$/.test(word)).at(-1);
    return target === undefined ? undefined : { kind: 'waitress', target, factory: waitressWords.includes('--call') };
  }
  if (argumentWords[0] === '-m' && argumentWords[1]) return { kind: 'module', module: argumentWords[1] };
  const script = argumentWords.find(word => /\.py$/i.test(word));
  if (script && argumentWords[0] === script) return { kind: 'script', script, runserver: /(^|[\\/])manage\.py$/i.test(script) && argumentWords.includes('runserver') };
  return undefined;
}

/** A Windows command line's words, as HttpPlatformHandler passes them to processPath: quotes group, and are dropped. */
export function commandWords(commandLine: string): string[] {
  return [...commandLine.matchAll(/"([^"]*)"|(\S+)/g)].map(([, quoted, plain]) => quoted ?? plain!);
}

/** Whether the site's Python handler is HttpPlatformHandler (which starts a server of its own), not wfastcgi. */
export function runsHttpPlatform(site: ExistingSite): boolean {
  return site.handler !== undefined && handlerKind(site.handler, true) === 'httpplatform';
}

/** `file`, a path of the site's folder, as the site names it: relative, / separated. */
export function sitePath(site: Pick<ExistingSite, 'folder'>, file: string): string {
  return path.relative(site.folder, file).split(path.sep).join('/');
}

/** The packages requirements.txt names, lower-cased. */
export function requirementNames(folder: string): string[] {
  const file = path.join(folder, 'requirements.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map(packageName)
    .filter((name): name is string => name !== undefined);
}

/** The site's files, relative and / separated, but .git and env. */
export function filesOf(folder: string): string[] {
  const found: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current)) {
      if (entry === '.git' || entry === 'env' || entry === 'node_modules') continue;
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) visit(full);
      else found.push(sitePath({ folder }, full));
    }
  };
  visit(folder);
  return found;
}

/** A text file as IIS reads it: UTF-8, or UTF-16 (either byte order) when it starts with a byte-order mark saying so. */
export function readText(file: string): string {
  const bytes = readFileSync(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8');
}
