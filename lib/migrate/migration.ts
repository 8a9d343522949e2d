import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FrameworkName, SiteAnswers } from '../answers/model.js';
import { appServiceLinux, gunicornCommand, linuxAppSettings, startupCommand } from '../azure/linux.js';
import { findHost } from '../catalog/hosts.js';
import { offeredRuntimes } from '../catalog/runtimes.js';
import { compareVersions } from '../catalog/package-pythons.js';
import { handlerPlaceholder } from '../iis/names.js';
import { detectApps } from '../site/detect.js';
import { filesOf, moduleFileIn } from '../site/existing.js';
import { linuxStaticRequirements, serverRequirements } from '../site/requirements.js';
import type { Element } from '../xml/tree.js';
import { children, first } from '../xml/dom.js';
import { iisEquivalentOf, iisSettingsOf } from './iis-equivalents.js';
import { wrapperFile, wrapperModule } from './names.js';
import { wfastcgiSettings, type WindowsSite } from './windows-site.js';

/*
 * The Linux site a Windows site becomes: gunicorn serving the same app (found as wfastcgi or
 * waitress found it) with the same import path, the app settings carried over, the folders IIS
 * served as files served by WhiteNoise, and every part of the Windows configuration listed with
 * what became of it (MIGRATION.md).
 */


export interface MigrationChoices {
  readonly siteName: string;
  /** A Linux runtime row's version; undefined: the nearest to the Windows site's Python. */
  readonly python?: string;
  /** false: the startup command names the app itself, with no linux_app.py (no health check, no static folders). */
  readonly wrapper: boolean;
}

/** One thing of the Windows site, and what it is on Linux. */
export interface MigrationRow {
  readonly what: string;
  readonly was: string;
  readonly becomes: string;
  /** Something left for the user to do. */
  readonly todo?: boolean;
}

export interface WrapperData {
  /** PYTHONPATH's folders of the site, relative, in wfastcgi's order. */
  readonly pythonPath: readonly string[];
  readonly module: string;
  readonly attributes: readonly string[];
  readonly factory: boolean;
  readonly from: string;
  readonly healthPath: string;
  readonly staticFolders: readonly string[];
  readonly notServed: readonly string[];
}

export interface Migration {
  readonly windows: WindowsSite;
  readonly python: { readonly version: string; readonly note?: string };
  readonly startupCommand: string;
  readonly wrapper?: WrapperData;
  readonly staticFolders: readonly string[];
  /** Files IIS served that no static folder holds (the app must serve them on Linux). */
  readonly unservedFiles: readonly string[];
  readonly appSettings: readonly { name: string; value: string; slotSetting: boolean }[];
  readonly rows: { readonly settings: readonly MigrationRow[]; readonly rules: readonly MigrationRow[]; readonly iis: readonly MigrationRow[]; readonly other: readonly MigrationRow[] };
  readonly requirements: { readonly packages: readonly string[]; readonly lines: readonly string[] };
  readonly healthCheck: boolean;
  /**
   * What .yo-rc.json keeps afterwards: the Linux site. Its ARM template is migrate's own
   * (azure/linux/azuredeploy.json), so the provision part writes none: azure/azuredeploy.json
   * stays the Windows site's, never regenerated.
   */
  readonly answers: Pick<SiteAnswers, 'host' | 'siteName' | 'python' | 'module' | 'moduleDir' | 'callable' | 'framework' | 'provision'>;
}

/** Why a choice cannot be taken, in the one line a refusal prints. */
export class MigrationChoiceError extends Error {
  override name = 'MigrationChoiceError';
}

export function planMigration(windows: WindowsSite, choices: MigrationChoices): Migration {
  const python = linuxPython(windows, choices.python);
  const { staticFolders, unservedFiles } = staticFoldersOf(windows);
  const localFolders = windows.pythonPath.flatMap(entry => (entry.folder === undefined ? [] : [entry.folder]));
  const pythonPath = [...new Set([...localFolders, ...(windows.app.folder ? [windows.app.folder] : [])])].filter(folder => folder !== '.');
  const { app } = windows;
  const simpleTarget = app.attributes.length === 1;
  if (!choices.wrapper) {
    if (staticFolders.length > 0) throw new MigrationChoiceError(`--no-wrapper: IIS serves ${staticFolders.map(folder => `${folder}/`).join(', ')} itself, and on Linux WhiteNoise must, from linux_app.py: run without --no-wrapper`);
    if (!simpleTarget) throw new MigrationChoiceError(`--no-wrapper: ${app.from} names ${app.attributes.join('.')} in ${app.module}, which gunicorn cannot name (only one attribute, or one call): run without --no-wrapper`);
  }
  const wrapper: WrapperData | undefined = choices.wrapper
    ? {
        pythonPath,
        module: app.module,
        attributes: app.attributes,
        factory: app.factory,
        from: app.from,
        healthPath: appServiceLinux.healthPath,
        staticFolders,
        notServed: windows.windowsFiles.filter(file => staticFolders.some(folder => file.startsWith(`${folder}/`))).map(file => `/${file}`),
      }
    : undefined;
  const command = wrapper
    ? startupCommand({ module: wrapperModule, moduleDir: '.', callable: 'application', framework: 'wsgi' })
    : directStartupCommand(app.module, app.attributes[0]!, app.factory, pythonPath);
  const kept = keptApp(windows);
  const whitenoise = staticFolders.length > 0;
  return {
    windows,
    python,
    startupCommand: command,
    wrapper,
    staticFolders,
    unservedFiles,
    appSettings: [...linuxAppSettings(), ...carriedSettings(windows).map(({ name, value }) => ({ name, value, slotSetting: false }))],
    rows: {
      settings: settingRows(windows, wrapper !== undefined, pythonPath),
      rules: ruleRows(windows, staticFolders),
      iis: iisRows(windows),
      other: [...otherRows(windows, command, wrapper !== undefined, python), ...djangoRows(windows, kept)],
    },
    requirements: {
      packages: ['gunicorn', ...(whitenoise ? ['whitenoise'] : [])],
      lines: [...serverRequirements.gunicorn, ...(whitenoise ? linuxStaticRequirements.whitenoise : [])],
    },
    healthCheck: wrapper !== undefined,
    answers: { host: 'linux', siteName: choices.siteName, python: python.version, ...kept, provision: false },
  };
}

/**
 * gunicorn serving `module:attribute` (called, for a factory: gunicorn's own 'module:factory()'),
 * in the site root as wfastcgi ran it, with PYTHONPATH's folders on sys.path. gunicorn inserts
 * each --pythonpath entry at the front in turn, so they are given last first to keep their order.
 */
export function directStartupCommand(module: string, attribute: string, factory: boolean, pythonPath: readonly string[]): string {
  const target = factory ? `'${module}:${attribute}()'` : `${module}:${attribute}`;
  return gunicornCommand(target, pythonPath.length > 0 ? { pythonPath: [...pythonPath].reverse().join(',') } : {});
}

/**
 * The Linux runtime for the site: the one asked for, else the same version where App Service
 * on Linux offers it, else the nearest newer one it offers (the oldest it has, for a Python
 * older than all of them), else its newest.
 */
function linuxPython(windows: WindowsSite, asked: string | undefined): Migration['python'] {
  const offered = offeredRuntimes('linux').map(runtime => runtime.version).sort(compareVersions);
  if (asked !== undefined) return { version: asked };
  const version = windows.python.version;
  const newest = offered.at(-1)!;
  if (version === undefined) return { version: findHost('linux').python ?? newest, note: `the site's Python is not known (${windows.python.from}): the default runtime is taken; --python chooses another` };
  if (offered.includes(version)) return { version };
  const nearest = offered.find(candidate => compareVersions(candidate, version) > 0) ?? newest;
  const major = version.startsWith('2.') ? ' Python 2 code must be ported to Python 3 first (print statements, str and bytes, imports).' : '';
  return { version: nearest, note: `App Service on Linux does not offer Python ${version}: ${nearest} is the nearest it does. Test the app and its requirements.txt pins on ${nearest} before the move.${major}` };
}

/**
 * The folders IIS served as files, for WhiteNoise: each highest folder of the site all of whose
 * files IIS served (a folder that also holds code or private files is never one). Files IIS
 * served elsewhere are listed: on Linux the app must serve them.
 */
function staticFoldersOf(windows: WindowsSite): { staticFolders: string[]; unservedFiles: string[] } {
  const served = new Set(windows.staticFiles);
  if (served.size === 0) return { staticFolders: [], unservedFiles: [] };
  // A folder's web.config is the Windows configuration's, never served: linux_app.py leaves it out too.
  const all = filesOf(windows.site.folder).filter(file => !/(^|\/)web\.config$/i.test(file));
  const allServed = (folder: string) => {
    const inside = all.filter(file => file.startsWith(`${folder}/`));
    return inside.length > 0 && inside.every(file => served.has(file));
  };
  const folders = new Set<string>();
  for (const file of served) {
    const segments = file.split('/');
    for (let depth = 1; depth < segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      if (allServed(folder)) {
        folders.add(folder);
        break;
      }
    }
  }
  const staticFolders = [...folders].filter(folder => statSync(path.join(windows.site.folder, folder)).isDirectory()).sort();
  const unservedFiles = [...served].filter(file => !staticFolders.some(folder => file.startsWith(`${folder}/`))).sort();
  return { staticFolders, unservedFiles };
}

/** The app as the kept answers name it: the site's own answers, else the module and callable detection (or wfastcgi's setting) finds, and its framework. */
function keptApp(windows: WindowsSite): Pick<SiteAnswers, 'module' | 'moduleDir' | 'callable' | 'framework'> {
  // A site of the generator's keeps its app's answers: they are what its files were made from.
  const { kept } = windows.site;
  if (typeof kept.module === 'string' && typeof kept.framework === 'string' && typeof kept.callable === 'string') {
    return { module: kept.module, moduleDir: typeof kept.moduleDir === 'string' ? kept.moduleDir : kept.module, callable: kept.callable, framework: kept.framework as FrameworkName };
  }
  // The app of the Windows configuration where detection finds it; never linux_app.py, a re-run's own.
  const apps = detectApps(windows.site.folder).apps.filter(app => app.module !== wrapperModule);
  const detected = apps.find(app => app.module === windows.app.module.split('.')[0]) ?? apps[0];
  if (detected) return { module: detected.module, moduleDir: detected.moduleDir, callable: detected.callable, framework: detected.framework };
  const framework: FrameworkName = windows.settings.some(setting => setting.name.toUpperCase() === 'DJANGO_SETTINGS_MODULE') ? 'django' : 'wsgi';
  const folder = windows.pythonPath.find(entry => entry.folder !== undefined)?.folder ?? '.';
  return { module: windows.app.module.split('.')[0]!, moduleDir: folder, callable: windows.app.attributes.at(-1)!, framework };
}

function isPortVariable(value: string): boolean {
  return /%HTTP_PLATFORM_PORT%/i.test(value);
}

/** The app settings the app itself reads: every one but wfastcgi's own and HttpPlatformHandler's port and PYTHONPATH. */
function carriedSettings(windows: WindowsSite): { name: string; value: string }[] {
  return windows.settings
    .filter(setting => !(wfastcgiSettings as readonly string[]).includes(setting.name.toUpperCase()) && !isPortVariable(setting.value))
    .map(setting => ({ name: setting.name, value: linuxValue(setting.value) }));
}

/** A value with App Service's Windows home (D:\\home, %HOME%) as Linux's /home, where the same storage is. */
function linuxValue(value: string): string {
  const home = /^(?:D:\\home|%HOME%)(\\.*)?$/i.exec(value);
  return home ? `/home${(home[1] ?? '').replace(/\\/g, '/')}` : value;
}

const secretName = /SECRET|PASSWORD|PASSWD|TOKEN|(^|_)KEY($|_)|CONNECTION/i;

const wfastcgiBecomes: Readonly<Record<(typeof wfastcgiSettings)[number], (wrapper: boolean, pythonPath: readonly string[]) => string>> = {
  WSGI_HANDLER: wrapper => (wrapper ? `${wrapperFile} imports the same app, as wfastcgi did; the startup command serves ${wrapperModule}:application` : "the startup command's target"),
  PYTHONPATH: (wrapper, pythonPath) =>
    pythonPath.length === 0
      ? 'nothing: the site root, where gunicorn starts, is first on sys.path, as wfastcgi put it'
      : wrapper
        ? `${wrapperFile} appends ${pythonPath.join(', ')} to sys.path after the site root, in the same order, as wfastcgi did`
        : `gunicorn's --pythonpath ${pythonPath.join(', ')}, which puts them ahead of the site's packages (wfastcgi appended them)`,
  WSGI_LOG: () => "App Service's log stream: gunicorn and the app write to stdout and stderr (az webapp log tail)",
  WSGI_RESTART_FILE_REGEX: () => 'each deployment restarts the site; nothing watches files',
  WSGI_ALT_VIRTUALENV_HANDLER: () => "nothing: the app runs in the virtualenv Oryx builds from requirements.txt",
  WSGI_ALT_VIRTUALENV_ACTIVATE_THIS: () => "nothing: the app runs in the virtualenv Oryx builds from requirements.txt",
  WSGI_PTVSD_SECRET: () => 'remote debugging is debugpy over SSH (az webapp create-remote-connection)',
  WSGI_PTVSD_ADDRESS: () => 'remote debugging is debugpy over SSH (az webapp create-remote-connection)',
  WSGI_PTVSD_EXCLUDE: () => 'remote debugging is debugpy over SSH (az webapp create-remote-connection)',
};

function settingRows(windows: WindowsSite, wrapper: boolean, pythonPath: readonly string[]): MigrationRow[] {
  const rows: MigrationRow[] = windows.settings.map(setting => {
    const was = `\`${setting.value}\` (${setting.from})`;
    const own = wfastcgiBecomes[setting.name.toUpperCase() as keyof typeof wfastcgiBecomes];
    if (own) return { what: setting.name, was, becomes: own(wrapper, pythonPath) };
    if (isPortVariable(setting.value)) return { what: setting.name, was, becomes: 'PORT, which App Service sets and the startup command binds' };
    const value = linuxValue(setting.value);
    const windowsPath = /^[A-Za-z]:\\|%\w+%/.test(value);
    const secret = secretName.test(setting.name);
    const notes = [
      value !== setting.value ? ` (as \`${value}\`: D:\\home is /home on Linux)` : '',
      windowsPath ? ': a Windows path, which Linux does not have; give the Linux one' : '',
      secret ? ": it is in the repository's Windows configuration; rotate it, and keep the new value only in the site's app settings (the portal, or az webapp config appsettings set)" : '',
    ].join('');
    return { what: setting.name, was, becomes: `an app setting${notes}`, ...(windowsPath || secret ? { todo: true } : {}) };
  });
  for (const entry of windows.pythonPath.filter(entry => entry.folder === undefined)) {
    rows.push({ what: 'PYTHONPATH entry', was: `\`${entry.entry}\``, becomes: 'nothing: a folder outside the site; its packages go in requirements.txt, which Oryx installs', todo: true });
  }
  return rows;
}

/** Every rule of web.config's URL Rewrite, and what it is on Linux. */
function ruleRows(windows: WindowsSite, staticFolders: readonly string[]): MigrationRow[] {
  const config = windows.site.webConfig;
  const rewrite = config && first(config, 'rewrite');
  if (!rewrite) return [];
  const rows: MigrationRow[] = [];
  for (const rule of children(first(rewrite, 'rules'), 'rule')) {
    const name = rule.getAttribute('name') ?? '(unnamed)';
    const match = children(rule, 'match')[0]?.getAttribute('url') ?? '.*';
    const action = children(rule, 'action')[0];
    const type = action?.getAttribute('type') ?? 'None';
    const url = action?.getAttribute('url') ?? '';
    const was = `\`${match}\` -> ${type}${url ? ` \`${url}\`` : ''}`;
    rows.push({ what: `rule "${name}"`, was, ...ruleBecomes(rule, type, url, staticFolders) });
  }
  if (first(rewrite, 'outboundRules')) rows.push({ what: 'outboundRules', was: 'URL Rewrite rules that change responses', becomes: 'the app changes its own responses (a WSGI middleware)', todo: true });
  if (first(rewrite, 'rewriteMaps')) rows.push({ what: 'rewriteMaps', was: "URL Rewrite's maps", becomes: 'a table in the app, with the rules that used it', todo: true });
  return rows;
}

function ruleBecomes(rule: Element, type: string, url: string, staticFolders: readonly string[]): { becomes: string; todo?: boolean } {
  const conditions = children(children(rule, 'conditions')[0], 'add');
  if (type === 'Rewrite' && (url.toLowerCase().includes(handlerPlaceholder) || /\.(fcgi|py)\b/i.test(url))) {
    return { becomes: 'nothing: gunicorn receives every request, and the app routes it' };
  }
  if (type === 'None') {
    return staticFolders.length > 0
      ? { becomes: `WhiteNoise serves ${staticFolders.map(folder => `/${folder}/`).join(', ')} from the same files (${wrapperFile})` }
      : { becomes: 'nothing: it left URLs to IIS, and no folder of the site was served by IIS' };
  }
  if (type === 'Redirect' && conditions.some(condition => /\{HTTPS\}/i.test(condition.getAttribute('input') ?? ''))) {
    return { becomes: 'httpsOnly (set in the template): App Service redirects HTTP to HTTPS itself' };
  }
  if (type === 'Redirect') return { becomes: `a redirect in the app, to ${url}`, todo: true };
  if (type === 'CustomResponse' || type === 'AbortRequest') return { becomes: 'the app refuses those URLs itself (a 404 or 403 from its routes)', todo: true };
  return { becomes: `the app's own route: it rewrites to ${url || 'another URL'}, which only IIS did`, todo: true };
}

/** The IIS settings of system.webServer besides URL Rewrite, with what takes their place. */
function iisRows(windows: WindowsSite): MigrationRow[] {
  return iisSettingsOf(windows.iisElements)
    .filter(({ name }) => name !== 'rewrite')
    .map(({ element, name, where }) => {
      const row = iisEquivalentOf(element);
      return row
        ? { what: name, was: `\`${where}\``, becomes: row.linux, ...(row.carried ? {} : { todo: true }) }
        : { what: name, was: `\`${where}\``, becomes: 'no Linux equivalent is known: find what it does, and do it in the app', todo: true };
    });
}

/**
 * A Django project's settings, read as text, for what App Service on Linux needs of them: the
 * site's host name (WEBSITE_HOSTNAME) in ALLOWED_HOSTS and, from Django 4.0, CSRF_TRUSTED_ORIGINS
 * with its scheme; the front end's X-Forwarded-Proto trusted; DEBUG and the key not in the file.
 * The settings are the user's: each is a row to do, never an edit.
 */
function djangoRows(windows: WindowsSite, kept: Pick<SiteAnswers, 'module' | 'moduleDir' | 'framework'>): MigrationRow[] {
  if (kept.framework !== 'django') return [];
  const settingsModule = windows.settings.find(setting => setting.name.toUpperCase() === 'DJANGO_SETTINGS_MODULE')?.value ?? `${kept.module}.settings`;
  const roots = [path.join(windows.site.folder, kept.moduleDir), windows.site.folder];
  const file = moduleFileIn(roots, settingsModule);
  if (!file) return [];
  const text = readFileSync(file, 'utf8');
  const shown = path.relative(windows.site.folder, file).split(path.sep).join('/');
  const rows: MigrationRow[] = [];
  if (!text.includes('WEBSITE_HOSTNAME')) {
    rows.push({
      what: 'ALLOWED_HOSTS',
      was: `\`${shown}\``,
      becomes:
        "App Service on Linux names the site in WEBSITE_HOSTNAME: add `ALLOWED_HOSTS.append(os.environ['WEBSITE_HOSTNAME'])` and (Django 4.0 and later, with the scheme) `CSRF_TRUSTED_ORIGINS = ['https://' + os.environ['WEBSITE_HOSTNAME']]` when it is set, and `SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')`: the front end ends TLS. Without the host, Django answers 400 (DisallowedHost)",
      todo: true,
    });
  }
  if (/^DEBUG\s*=\s*True\b/m.test(text) || /^SECRET_KEY\s*=\s*['"]/m.test(text)) {
    rows.push({
      what: 'DEBUG and SECRET_KEY',
      was: `\`${shown}\``,
      becomes: "read them from app settings: `DEBUG = os.environ.get('DJANGO_DEBUG') == '1'` and `SECRET_KEY = os.environ['DJANGO_SECRET_KEY']`, with DJANGO_SECRET_KEY set on the site only (az webapp config appsettings set)",
      todo: true,
    });
  }
  return rows;
}

function otherRows(windows: WindowsSite, command: string, wrapper: boolean, python: Migration['python']): MigrationRow[] {
  const rows: MigrationRow[] = [
    { what: 'The server', was: windows.server === 'httpplatform' ? `HttpPlatformHandler (${windows.configuredIn})` : `wfastcgi under IIS's FastCGI (${windows.configuredIn})`, becomes: `gunicorn: \`${command}\`` },
    { what: 'The app', was: windows.app.from, becomes: wrapper ? `${wrapperModule}:application, which imports ${[windows.app.module, ...windows.app.attributes].join('.')}${windows.app.factory ? '() (a factory, called once)' : ''}` : 'the same, named by the startup command' },
    { what: 'Python', was: windows.python.version ? `${windows.python.version}, from \`${windows.python.from}\`` : windows.python.from, becomes: python.note ? `Python ${python.version}: ${python.note}` : `App Service on Linux's Python ${python.version}`, ...(python.note ? { todo: true } : {}) },
    {
      what: 'Health check',
      was: 'none',
      becomes: wrapper
        ? `${appServiceLinux.healthPath}, answered by ${wrapperFile} before the app (and its host checks); the template sets healthCheckPath`
        : `none: the app answers no ${appServiceLinux.healthPath}, and a health check path it does not answer takes its instances down (add a route, then set healthCheckPath)`,
      ...(wrapper ? {} : { todo: true }),
    },
  ];
  for (const file of windows.windowsFiles) rows.push({ what: file, was: 'the Windows configuration', becomes: 'kept: the site can still be deployed to Windows (--remove-windows-files removes it)' });
  return rows;
}
