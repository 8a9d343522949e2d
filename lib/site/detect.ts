import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameworkName, SiteAnswers } from '../answers/model.js';
import { validateCallableName, validateModuleName } from '../answers/validate.js';
import { findHost } from '../catalog/hosts.js';
import { placeholderIn } from './placeholders.js';
import { windowsRuntimeWith } from '../catalog/runtimes.js';
import { handlerKind } from '../iis/handlers.js';
import { expandAzureVariables, nameOnDisk, readExistingSite, type ExistingSite } from './existing.js';

/*
 * Detection: the WSGI app a folder already holds, found by reading its Python source as text.
 * The user's code is never imported or run to find it. What is read: the top-level modules
 * (app.py, application.py, wsgi.py, main.py, any other), the top-level packages'
 * __init__.py, and a Django project's manage.py. A line that defines the app at module level
 * (column 0) is what counts, so Python 2 source reads the same as Python 3.
 */

/** An app found in the folder, as the answers that name it. */
export interface DetectedApp {
  readonly module: string;
  /** The module's folder, relative to the folder and / separated: '.' for the folder itself. */
  readonly moduleDir: string;
  readonly callable: string;
  readonly framework: FrameworkName;
  /** The app's static folder that exists, relative to the folder and / separated, or '' for none. */
  readonly staticDir: string;
  /** Where it was found, in words: `app.py defines app = Flask(...)`. */
  readonly evidence: string;
}

/** Answers an existing configuration (web.config, or the portal files) already settles. */
export type ConfiguredAnswers = Partial<Pick<SiteAnswers, 'module' | 'moduleDir' | 'callable' | 'framework' | 'host' | 'siteRoot' | 'python' | 'interpreter' | 'wfastcgi' | 'routing' | 'server'>>;

export interface Detection {
  /** The WSGI apps found, one per object (a wsgi.py that imports app.py's app adds none). */
  readonly apps: readonly DetectedApp[];
  /** ASGI apps found (FastAPI's, ...), in words: `main.py defines app = FastAPI(...)`. */
  readonly asgiApps: readonly string[];
  /** The same, as the answers that name them (framework asgi), for App Service on Linux. */
  readonly asgiCandidates: readonly DetectedApp[];
  /** What the site's existing configuration says, with where it says it; empty without one. */
  readonly configured: { readonly answers: ConfiguredAnswers; readonly evidence: readonly string[] };
  /** What was seen and cannot be served as found: an ASGI app, an app factory. */
  readonly notes: readonly string[];
}

/** One way of defining an app at module level: the pattern of its line, and what it makes. */
interface AppDefinition {
  readonly pattern: RegExp;
  readonly framework: FrameworkName;
  /** What the line defines, in words, with `$1` for the name. */
  readonly shown: string;
}

// The name is group 1 in each: `app = Flask(__name__)`, `application = bottle.default_app()`.
const appDefinitions: readonly AppDefinition[] = [
  { pattern: /^([A-Za-z_]\w*)\s*=\s*(?:flask\.)?Flask\s*\(/, framework: 'flask', shown: '$1 = Flask(...)' },
  { pattern: /^([A-Za-z_]\w*)\s*=\s*(?:bottle\.)?(?:Bottle|default_app)\s*\(/, framework: 'bottle', shown: '$1 = Bottle(...)' },
  { pattern: /^def\s+([A-Za-z_]\w*)\s*\(\s*environ\s*,\s*start_response\s*\)/, framework: 'wsgi', shown: 'def $1(environ, start_response)' },
  { pattern: /^([A-Za-z_]\w*)\s*=\s*(?:django\.core\.wsgi\.)?get_wsgi_application\s*\(/, framework: 'wsgi', shown: '$1 = get_wsgi_application()' },
  // An app a factory makes at import: its framework is the one the file imports.
  { pattern: /^([A-Za-z_]\w*)\s*=\s*(?:\w+\.)?(?:create_app|make_app)\s*\(/, framework: 'wsgi', shown: '$1 = create_app()' },
];

/** The framework a module imports, for an app made by a factory. */
function importedFramework(source: string): FrameworkName {
  if (/^\s*(?:from|import)\s+flask\b/m.test(source)) return 'flask';
  if (/^\s*(?:from|import)\s+bottle\b/m.test(source)) return 'bottle';
  return 'wsgi';
}

/** ASGI frameworks: detected and named, since wfastcgi and waitress serve WSGI only. */
const asgiDefinition = /^([A-Za-z_]\w*)\s*=\s*(?:\w+\.)?(FastAPI|Starlette|Quart|Sanic|Litestar)\s*\(/;
const factoryDefinition = /^def\s+(create_app|make_app)\s*\(/;

/** Files that are not the app even when they mention one. */
const notTheApp = /^(setup|conftest|manage|fabfile|noxfile|tasks|test_.*|.*_test|tests?)\.py$/i;

/** The most a source file may hold to be read: larger ones are data, not an app's module. */
const maxSourceBytes = 1024 * 1024;
/** The most top-level entries looked at. */
const maxEntries = 500;

function readSource(file: string): string | undefined {
  const stats = lstatSync(file, { throwIfNoEntry: false });
  if (!stats?.isFile() || stats.size > maxSourceBytes) return undefined;
  return readFileSync(file, 'utf8');
}

/** The top-level definitions of `source` that make an app, in line order. */
function definitionsIn(source: string): { name: string; framework: FrameworkName; shown: string }[] {
  const found: { name: string; framework: FrameworkName; shown: string }[] = [];
  for (const line of source.split(/\r?\n/)) {
    for (const definition of appDefinitions) {
      const match = definition.pattern.exec(line);
      if (!match) continue;
      const framework = definition.shown.endsWith('create_app()') ? importedFramework(source) : definition.framework;
      found.push({ name: match[1]!, framework, shown: definition.shown.replace('$1', match[1]!) });
    }
  }
  return found;
}

/** What `folder` holds: the apps found, and the notes on what cannot be served as it is. */
export function detectApps(folder: string): Detection {
  if (!existsSync(folder)) return { apps: [], asgiApps: [], asgiCandidates: [], notes: [], configured: { answers: {}, evidence: [] } };
  const apps: DetectedApp[] = [];
  const asgiApps: string[] = [];
  const asgiCandidates: DetectedApp[] = [];
  const notes: string[] = [];
  const entries = readdirSync(folder, { withFileTypes: true }).slice(0, maxEntries).sort((a, b) => a.name.localeCompare(b.name));

  const django = detectDjango(folder, notes);
  if (django) apps.push(django);

  const sources: { file: string; moduleDir: string; module: string; text: string }[] = [];
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.py') && !notTheApp.test(entry.name)) {
      const text = readSource(path.join(folder, entry.name));
      if (text !== undefined) sources.push({ file: entry.name, moduleDir: '.', module: entry.name.slice(0, -3), text });
    } else if (entry.isDirectory() && !entry.name.startsWith('.') && !skippedFolders.has(entry.name.toLowerCase())) {
      const text = readSource(path.join(folder, entry.name, '__init__.py'));
      if (text !== undefined) sources.push({ file: `${entry.name}/__init__.py`, moduleDir: '.', module: entry.name, text });
      // A folder that is no package may hold the app one level down (src/app.py): that folder is the module's.
      else sources.push(...entryModulesIn(folder, entry.name));
    }
  }
  const read = sources.map(source => ({ definitions: definitionsIn(source.text), ...source }));
  // An app in the folder itself wins over one a level down.
  const top = read.filter(source => source.moduleDir === '.');
  const candidates = top.some(source => source.definitions.length > 0) ? top : read;
  for (const { file, moduleDir, module, text, definitions: all } of candidates) {
    if (validateModuleName(module) !== undefined) continue;
    // Django's own wsgi.py is the project found through manage.py.
    const definitions = all.filter(definition => !(django && definition.shown.includes('get_wsgi_application')));
    // One app per module: the first definition that a WSGI server can call by name.
    const definition = definitions.find(candidate => validateCallableName(candidate.name) === undefined);
    if (definition) {
      apps.push({ module, moduleDir, callable: definition.name, framework: definition.framework, staticDir: '', evidence: `${file} defines ${definition.shown}` });
    }
    for (const line of text.split(/\r?\n/)) {
      const asgi = asgiDefinition.exec(line);
      if (asgi) {
        asgiApps.push(`${file} defines ${asgi[1]} = ${asgi[2]}(...)`);
        asgiCandidates.push({ module, moduleDir, callable: asgi[1]!, framework: 'asgi', staticDir: '', evidence: `${file} defines ${asgi[1]} = ${asgi[2]}(...), an ASGI app` });
        notes.push(`${file} defines ${asgi[1]} = ${asgi[2]}(...), an ASGI app: wfastcgi and waitress serve WSGI apps only (on App Service on Linux it needs gunicorn's uvicorn workers, -k uvicorn.workers.UvicornWorker)`);
      }
      const factory = factoryDefinition.exec(line);
      if (factory && !definition) notes.push(`${file} defines ${factory[1]}(), an app factory: give the module that calls it (app = ${factory[1]}()) with --module and --callable`);
    }
  }
  for (const [index, app] of apps.entries()) apps[index] = { ...app, staticDir: existingStaticDir(folder, app) };
  let configured: Detection['configured'] = { answers: {}, evidence: [] };
  try {
    configured = configuredAnswers(readExistingSite(folder), notes);
  } catch {
    // A configuration that cannot be read (portal files that are not JSON) settles nothing; the doctor says why.
  }
  // The configured module is the app: the source's own candidates of that module merge into it.
  if (configured.answers.module !== undefined) {
    const same = apps.find(app => app.module === configured.answers.module && app.moduleDir === (configured.answers.moduleDir ?? app.moduleDir));
    const framework = configured.answers.framework ?? same?.framework ?? 'wsgi';
    const app: DetectedApp = {
      module: configured.answers.module,
      moduleDir: configured.answers.moduleDir ?? same?.moduleDir ?? configured.answers.module,
      callable: configured.answers.callable ?? same?.callable ?? 'application',
      framework,
      staticDir: same?.staticDir ?? '',
      evidence: [same?.evidence, ...configured.evidence].filter(Boolean).join('; '),
    };
    return { apps: [app], asgiApps, asgiCandidates, notes, configured };
  }
  return { apps, asgiApps, asgiCandidates, notes, configured };
}

/** The static folder an app of a framework already has: the package's own (Flask's default), else one beside the module. */
function existingStaticDir(folder: string, app: Omit<DetectedApp, 'staticDir'>): string {
  if (app.framework === 'wsgi') return '';
  const inDir = (relative: string) => (app.moduleDir === '.' ? relative : `${app.moduleDir}/${relative}`);
  const candidates = [inDir(`${app.module}/static`), inDir('static'), ...(app.moduleDir === '.' ? [] : ['static'])];
  return candidates.find(candidate => lstatSync(path.join(folder, ...candidate.split('/')), { throwIfNoEntry: false })?.isDirectory()) ?? '';
}

/** WSGI_HANDLER as wfastcgi reads it, when the answers can express it: `<module>.<callable>`, or a Django project's app. */
const simpleHandler = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/;
// Django's factory (today's, or the WSGIHandler() of Django 1.x), or the project's own wsgi.py.
const djangoHandler = /^django\.core\.(?:wsgi\.get_wsgi_application|handlers\.wsgi\.WSGIHandler)\(\)$/;
const djangoProjectHandler = /^([A-Za-z_]\w*)\.wsgi\.application$/;

/**
 * The answers the site's web.config (or portal files) settles: the module and its folder from
 * WSGI_HANDLER and PYTHONPATH, the Python from the handler's scriptProcessor, the routing from
 * the handler's path. A setting the answers cannot express is a note, and stays as it is.
 */
export function configuredAnswers(site: ExistingSite, notes: string[] = []): Detection['configured'] {
  const { folder } = site;
  const answers: Record<string, string> = {};
  const evidence: string[] = [];
  const source = site.webConfig ? 'web.config' : 'azure/appsettings.json';
  const handler = site.settings.WSGI_HANDLER?.trim();
  const settingsModule = /^([A-Za-z_]\w*)\.[A-Za-z_][\w.]*$/.exec(site.settings.DJANGO_SETTINGS_MODULE ?? '')?.[1];
  const djangoProject = handler && djangoHandler.test(handler) ? settingsModule : handler && djangoProjectHandler.exec(handler)?.[1];
  if (djangoProject && validateModuleName(djangoProject) === undefined) {
    Object.assign(answers, { module: djangoProject, framework: 'django', callable: 'application' });
    evidence.push(`${source} runs the Django project ${djangoProject} (WSGI_HANDLER ${handler})`);
  } else if (handler && simpleHandler.test(handler) && validateModuleName(simpleHandler.exec(handler)![1]!) === undefined) {
    const [, module, callable] = simpleHandler.exec(handler)!;
    Object.assign(answers, { module, callable });
    evidence.push(`${source} sets WSGI_HANDLER ${handler}`);
  } else if (handler) {
    notes.push(`${source} sets WSGI_HANDLER ${JSON.stringify(handler).slice(0, 80)}, which --module and --callable cannot express: give them for the app it names`);
  }
  // %HOME% and %SystemDrive%: the variable forms some sites' web.config uses on App Service.
  const first = (site.settings.PYTHONPATH ?? '')
    .split(';')
    .map(entry => expandAzureVariables(entry).replace(/(?<=.)\\+$/, ''))
    .find(Boolean);
  // A template's placeholder ([SITEPATH], %ROOTDIR%) says nothing of where the site is.
  const placed = first === undefined || placeholderIn(first) ? undefined : first;
  if (placed && answers.module !== undefined) {
    const where = placeFromPythonPath(folder, placed, answers.module);
    if (where) {
      Object.assign(answers, where);
      evidence.push(`PYTHONPATH ${placed}`);
    }
  }
  const processor = site.handler?.getAttribute('scriptProcessor') ?? '';
  if (processor.includes('|') && !placeholderIn(processor)) {
    const [interpreter, wfastcgi] = processor.split('|').map(part => part.trim());
    const row = windowsRuntimeWith(interpreter!, runtime => runtime.wfastcgi.toLowerCase() === wfastcgi!.toLowerCase());
    if (row) answers.python = row.version;
    else Object.assign(answers, { interpreter, wfastcgi });
    evidence.push(`scriptProcessor ${processor}`);
  }
  const processPath = site.webConfig?.getElementsByTagName('httpPlatform')[0]?.getAttribute('processPath')?.trim();
  const kind = site.handler && handlerKind(site.handler, true);
  if (processPath && kind === 'httpplatform') {
    const row = windowsRuntimeWith(processPath);
    if (row) answers.python = row.version;
    else if (/^[A-Za-z]:\\/.test(processPath)) answers.interpreter = processPath;
    evidence.push(`httpPlatform processPath ${processPath}`);
  }
  const azureRoot = findHost('azure').siteRoot('');
  // A site root or a Python outside Azure's D:\\home is a server of the user's own.
  const interpreterOutsideAzure = answers.interpreter !== undefined && !/^d:\\home\\/i.test(answers.interpreter);
  if (answers.siteRoot !== undefined || answers.python !== undefined || answers.interpreter !== undefined) {
    answers.host = (answers.siteRoot ?? azureRoot) === azureRoot && !interpreterOutsideAzure ? 'azure' : 'iis';
  }
  if (kind === 'httpplatform') answers.server = 'httpplatform';
  if (site.handler?.getAttribute('path') === '*') answers.routing = 'wildcard';
  return { answers: answers as ConfiguredAnswers, evidence };
}

/**
 * The site root and the module's folder that a PYTHONPATH folder means: the folder here (the
 * site itself, or a folder in it) that holds `module`, whose path the PYTHONPATH ends with;
 * the rest of the path is the site root. Under Azure's site root a module not here yet is
 * placed by the path alone. Undefined when the path says nothing this folder can confirm.
 */
function placeFromPythonPath(folder: string, pythonPath: string, module: string): { siteRoot: string; moduleDir: string } | undefined {
  const holdsModule = (relative: string) =>
    existsSync(path.join(folder, relative, `${module}.py`)) || existsSync(path.join(folder, relative, module, '__init__.py'));
  const segments = pythonPath.split('\\');
  const azureRoot = findHost('azure').siteRoot('');
  const underAzure = pythonPath.toLowerCase() === azureRoot.toLowerCase() || pythonPath.toLowerCase().startsWith(`${azureRoot.toLowerCase()}\\`);
  const rest = underAzure ? pythonPath.slice(azureRoot.length).split('\\').filter(Boolean) : [];
  // D:\\home\\site\\wwwroot\\lib beside a module in the folder's root, the folder having lib/: Azure's site, with lib/ on the path.
  const named = rest.length > 0 ? nameOnDisk(folder, rest.join('/')) : undefined;
  if (named !== undefined && lstatSync(path.join(folder, named), { throwIfNoEntry: false })?.isDirectory() && holdsModule('.') && !holdsModule(named)) return { siteRoot: azureRoot, moduleDir: '.' };
  // The deepest match first: C:\\site\\src holding src/main_app.py is the site C:\\site, module folder src.
  for (let depth = Math.min(2, segments.length - 1); depth >= 0; depth--) {
    const here = depth === 0 ? '.' : nameOnDisk(folder, segments.slice(-depth).join('/'));
    if (here === undefined || !lstatSync(path.join(folder, here), { throwIfNoEntry: false })?.isDirectory() || !holdsModule(here)) continue;
    const root = segments.slice(0, segments.length - depth).join('\\');
    return { siteRoot: /^[A-Za-z]:$/.test(root) ? `${root}\\` : root, moduleDir: here };
  }
  if (underAzure) return { siteRoot: azureRoot, moduleDir: rest.length === 0 ? '.' : rest.join('/') };
  return undefined;
}

/** Folders that hold no app of the site's: virtualenvs, dependencies, tests. */
const skippedFolders = new Set(['env', 'venv', '.venv', 'node_modules', 'site-packages', 'tests', 'test', 'docs', 'static', 'templates', 'migrations']);

/** The usual names of an app's entry module, looked for one folder down. */
const entryModuleNames = ['app.py', 'application.py', 'wsgi.py', 'main.py', 'server.py', 'run.py'];

function entryModulesIn(folder: string, subfolder: string): { file: string; moduleDir: string; module: string; text: string }[] {
  return entryModuleNames.flatMap(name => {
    const text = readSource(path.join(folder, subfolder, name));
    return text === undefined ? [] : [{ file: `${subfolder}/${name}`, moduleDir: subfolder, module: name.slice(0, -3), text }];
  });
}

/**
 * A Django project: manage.py, and a package it names that holds wsgi.py and the settings
 * (settings.py or a settings/ package): `os.environ.setdefault('DJANGO_SETTINGS_MODULE',
 * 'azuresite.settings')`, or a settings module chosen at run time from the same package.
 */
function detectDjango(folder: string, notes: string[]): DetectedApp | undefined {
  const manage = readSource(path.join(folder, 'manage.py'));
  if (!manage || !manage.includes('DJANGO_SETTINGS_MODULE')) return undefined;
  const named = [...manage.matchAll(/['"]([A-Za-z_]\w*)\.[A-Za-z_][\w.]*['"]/g)].map(match => match[1]!);
  const project = named.find(
    name =>
      validateModuleName(name) === undefined &&
      existsSync(path.join(folder, name, 'wsgi.py')) &&
      (existsSync(path.join(folder, name, 'settings.py')) || existsSync(path.join(folder, name, 'settings', '__init__.py'))),
  );
  if (!project) return undefined;
  const otherSettings = [...manage.matchAll(new RegExp(`['"](${project}\\.[A-Za-z_][\\w.]*)['"]`, 'g'))].map(match => match[1]!).filter(name => name !== `${project}.settings`);
  if (otherSettings.length > 0) {
    notes.push(`manage.py chooses among ${[`${project}.settings`, ...otherSettings].join(', ')}: a site that serves ${project}.wsgi.application (as the generated configuration does) lets its wsgi.py make that choice on the server too`);
  }
  return {
    module: project,
    moduleDir: '.',
    callable: 'application',
    framework: 'django',
    staticDir: '',
    evidence: `manage.py runs the Django project ${project} (${project}/settings.py, ${project}/wsgi.py)`,
  };
}
