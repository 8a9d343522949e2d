import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, Element } from '@xmldom/xmldom';
import { schemaProblems } from './iis-schema.js';
import { readKeptAnswers } from './kept-answers.js';
import { packageName } from './requirements.js';
import { packageRoot } from './package-paths.js';
import { isAzureBuiltIn, pythonRuntimes, type WindowsRuntime } from './runtimes.js';
import { hiddenSegments } from './web-config.js';
import { parseXmlText, XmlSyntaxError } from './xml-text.js';

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One finding: what was checked, and for a WARN or FAIL the exact fix. */
export interface Check {
  readonly id: string;
  readonly status: CheckStatus;
  readonly message: string;
  readonly fix?: string;
}

const defaultSiteRoot = 'D:\\home\\site\\wwwroot';
// Extensions IIS's static file handler serves from its default MIME map, among those a private file has.
const servedExtensions = ['.json', '.txt', '.md', '.xml', '.yml', '.yaml', '.html', '.htm', '.csv', '.ps1'];
const privateNames = [...hiddenSegments.map(entry => entry.segment.toLowerCase()), '.env'];

interface Site {
  readonly folder: string;
  /** The generator's answers in .yo-rc.json, if the site has them. */
  readonly kept: Record<string, unknown>;
  readonly siteRoot: string;
  readonly host: string;
  readonly webConfig?: Document;
  readonly webConfigError?: XmlSyntaxError;
  /** App settings, by upper-cased name: web.config's, else the portal files'. */
  readonly settings: Record<string, string>;
  /** The same, by their names as written. */
  readonly rawSettings: Record<string, string>;
  readonly handler?: Element;
}

function readSite(folder: string): Site {
  const kept = readKeptAnswers(folder);
  const siteRoot = typeof kept.siteRoot === 'string' ? kept.siteRoot : defaultSiteRoot;
  const host = typeof kept.host === 'string' ? kept.host : 'azure';
  const settings: Record<string, string> = {};
  const rawSettings: Record<string, string> = {};
  let webConfig: Document | undefined;
  let webConfigError: XmlSyntaxError | undefined;
  let handler: Element | undefined;
  const webConfigFile = path.join(folder, 'web.config');
  if (existsSync(webConfigFile)) {
    try {
      webConfig = parseXmlText(readFileSync(webConfigFile, 'utf8'), 'web.config').document;
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
    handler = children(webConfig.getElementsByTagName('handlers')[0], 'add').find(add =>
      /FastCgiModule|httpPlatformHandler/i.test(add.getAttribute('modules') ?? ''),
    );
  } else if (existsSync(path.join(folder, 'azure', 'appsettings.json'))) {
    const portal = JSON.parse(readFileSync(path.join(folder, 'azure', 'appsettings.json'), 'utf8')) as { name: string; value: string }[];
    for (const setting of portal) {
      settings[setting.name.toUpperCase()] = setting.value;
      rawSettings[setting.name] = setting.value;
    }
  }
  return { folder, kept, siteRoot, host, webConfig, webConfigError, settings, rawSettings, handler };
}

/**
 * Reads a site folder, generated or hand-written, and checks it for the known causes of a
 * Python site failing on Azure (or IIS): one Check each, in order. Changes nothing.
 */
export function diagnose(folder: string, python = 'python3'): Check[] {
  const site = readSite(folder);
  if (site.host === 'linux') {
    return [check('host', 'pass', 'App Service on Linux: no web.config to check'), packageJsonCheck(site), branchCheck(site)].filter(
      (found): found is Check => found !== undefined,
    );
  }
  // The checks of web.config's content need web.config read; the import, a PYTHONPATH that can hold it.
  const readable = site.webConfigError === undefined;
  const pythonPath = readable ? pythonPathCheck(site) : undefined;
  return [
    configurationCheck(site),
    ...webConfigChecks(site),
    ...(readable ? [handlerSettingCheck(site), pythonPath] : []),
    ...(readable && pythonPath?.status !== 'fail' ? [importCheck(site, python)] : []),
    ...(readable ? [placeholderCheck(site), scriptProcessorCheck(site), privateFilesCheck(site)] : []),
    packageJsonCheck(site),
    requirementsCheck(site),
    branchCheck(site),
  ].filter((found): found is Check => found !== undefined);
}

function check(id: string, status: CheckStatus, message: string, fix?: string): Check {
  return fix === undefined ? { id, status, message } : { id, status, message, fix };
}

function configurationCheck(site: Site): Check {
  if (site.webConfig || site.webConfigError) return check('configuration', 'pass', 'web.config configures the Python handler (Option 2)');
  if (Object.keys(site.settings).length > 0) return check('configuration', 'pass', 'azure/appsettings.json holds the portal settings (Option 1)');
  return check(
    'configuration',
    'fail',
    'no web.config and no portal settings: IIS has no handler for Python, and answers 404 or lists the folder',
    'npx generator-azure-python webconfig --yes   (or configure the handler in the portal: npx generator-azure-python portal)',
  );
}

function webConfigChecks(site: Site): Check[] {
  if (site.webConfigError) {
    const { line, column, reason } = site.webConfigError;
    return [check('web.config-xml', 'fail', `web.config is not well-formed XML: line ${line}, column ${column}: ${reason} (IIS answers 500 on every URL)`, `fix line ${line} of web.config`)];
  }
  if (!site.webConfig) return [];
  const problems = schemaProblems(site.webConfig);
  return [
    check('web.config-xml', 'pass', 'web.config is well-formed XML'),
    problems.length === 0
      ? check('web.config-schema', 'pass', "web.config holds only what IIS's schema accepts")
      : check('web.config-schema', 'fail', `web.config is not valid for IIS: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, `correct ${problems[0]!.split(':')[0]} of web.config`),
  ];
}

function handlerSettingCheck(site: Site): Check | undefined {
  if (site.handler?.getAttribute('modules')?.toLowerCase() === 'httpplatformhandler') return undefined;
  const value = site.settings.WSGI_HANDLER;
  if (value) return check('wsgi-handler', 'pass', `WSGI_HANDLER is ${value}`);
  return check(
    'wsgi-handler',
    'fail',
    'WSGI_HANDLER is not set: wfastcgi stops with "WSGI_HANDLER env var must be set"',
    'add <add key="WSGI_HANDLER" value="<module>.<callable>" /> to web.config\'s appSettings (or the app setting in the portal)',
  );
}

/** PYTHONPATH's entries under the site root, as folders of this site; undefined for one outside it. */
function localPaths(site: Site): (string | undefined)[] {
  const value = site.settings.PYTHONPATH ?? '';
  const root = site.siteRoot.toLowerCase().replace(/\\$/, '');
  return value
    .split(';')
    .filter(entry => entry.trim() !== '')
    .map(entry => entry.trim().replace(/^%SystemDrive%/i, 'D:'))
    .map(entry => {
      const lower = entry.toLowerCase();
      if (lower !== root && !lower.startsWith(`${root}\\`)) return undefined;
      return path.join(site.folder, ...entry.slice(root.length).split('\\').filter(Boolean));
    });
}

function pythonPathCheck(site: Site): Check | undefined {
  if (site.handler?.getAttribute('modules')?.toLowerCase() === 'httpplatformhandler') return undefined;
  if (!site.settings.PYTHONPATH) {
    return check('pythonpath', 'warn', 'PYTHONPATH is not set: only a module in the site root itself can be imported', `add <add key="PYTHONPATH" value="${site.siteRoot}" /> (or the module's folder) to appSettings`);
  }
  const outside = site.settings.PYTHONPATH.split(';').find((entry, index) => entry.trim() && localPaths(site)[index] === undefined);
  if (outside) {
    return check('pythonpath', 'fail', `PYTHONPATH's ${outside} is outside the site root ${site.siteRoot}: nothing deployed is there`, `set PYTHONPATH to a folder under ${site.siteRoot}, e.g. ${site.siteRoot}\\<module folder>`);
  }
  return check('pythonpath', 'pass', `PYTHONPATH is under the site root (${site.settings.PYTHONPATH})`);
}

function importCheck(site: Site, python: string): Check | undefined {
  const handler = site.settings.WSGI_HANDLER;
  if (!handler) return undefined;
  const paths = [...localPaths(site).filter((entry): entry is string => entry !== undefined), site.folder];
  // wfastcgi puts every app setting into the environment (DJANGO_SETTINGS_MODULE, say).
  const environment = { ...process.env, ...Object.fromEntries(Object.entries(site.rawSettings).filter(([name]) => !['PYTHONPATH', 'WSGI_HANDLER'].includes(name.toUpperCase()))) };
  const probe = spawnSync(python, [path.join(packageRoot, 'python', 'wsgi_probe.py'), JSON.stringify({ paths, handler })], {
    encoding: 'utf8',
    env: environment,
    timeout: 30_000,
  });
  if (probe.error || probe.status !== 0) return staticBodyCheck(site, handler);
  const { status, detail } = JSON.parse(probe.stdout) as { status: string; detail: string };
  const name = handler.replace(/\(\)$/, '');
  switch (status) {
    case 'ok':
      return check('wsgi-import', 'pass', `${handler} imports, and answers a request through wsgiref.validate (local ${python})`);
    case 'remove-call':
      return check('wsgi-import', 'fail', `WSGI_HANDLER ${handler} calls the app: ${detail}`, `set WSGI_HANDLER to ${name} (without "()")`);
    case 'add-call':
      return check('wsgi-import', 'fail', `WSGI_HANDLER ${handler} names a factory: ${detail}`, `set WSGI_HANDLER to ${name}() (with "()")`);
    case 'str-body':
      return check('wsgi-import', 'fail', `${handler} returns a str body: wfastcgi on Python 3 answers 500 ("content must be encoded before sending")`, "return bytes: b'...' or '...'.encode('utf-8')");
    case 'import-error': {
      const missing = /No module named '([\w.]+)'/.exec(detail)?.[1]?.split('.')[0]?.toLowerCase();
      if (missing && requirementNames(site.folder).includes(missing)) {
        return check('wsgi-import', 'warn', `${handler} could not be checked here: ${missing} (from requirements.txt) is not installed for ${python}`, 'python3 -m pip install -r requirements.txt, then run the doctor again');
      }
      return check('wsgi-import', 'fail', `"${handler}" could not be imported from PYTHONPATH: ${detail}`, 'put the module in a PYTHONPATH folder, or correct WSGI_HANDLER to <module>.<callable>');
    }
    default:
      return check('wsgi-import', 'fail', `${handler} fails on a plain GET: ${detail}`, `run it locally to see the traceback: python -c "import wsgiref.simple_server as s, ${name.split('.')[0]} as m"`);
  }
}

/** Without a local Python: a str literal returned or yielded is the usual cause of a Python 3 500. */
function staticBodyCheck(site: Site, handler: string): Check {
  const module = handler.replace(/\(\)$/, '').split('.').slice(0, -1).join('/');
  const file = [...localPaths(site).filter((entry): entry is string => entry !== undefined), site.folder]
    .map(folder => path.join(folder, `${module}.py`))
    .find(candidate => existsSync(candidate));
  if (!file) return check('wsgi-import', 'fail', `"${handler}" could not be imported: no ${module}.py in PYTHONPATH`, 'put the module in a PYTHONPATH folder, or correct WSGI_HANDLER');
  const text = readFileSync(file, 'utf8');
  if (/^\s*(yield|return \[)\s*['"]/m.test(text)) {
    return check('wsgi-import', 'warn', `${path.relative(site.folder, file)} seems to return a str body (no python3 here to run it): Python 3 answers 500`, "return bytes: b'...'");
  }
  return check('wsgi-import', 'pass', `${path.relative(site.folder, file)} exists (no python3 here to run it)`);
}

function placeholderCheck(site: Site): Check | undefined {
  const handler = site.handler;
  if (!handler || handler.getAttribute('resourceType') !== 'Either' || handler.getAttribute('path') === '*') return undefined;
  const placeholder = handler.getAttribute('path') ?? '';
  if (existsSync(path.join(site.folder, placeholder))) return check('placeholder', 'pass', `${placeholder} exists, as resourceType="Either" needs`);
  return check('placeholder', 'fail', `the handler's path ${placeholder} does not exist: with resourceType="Either" every URL is a 404`, `create the empty file ${placeholder} in the site root (touch ${placeholder})`);
}

function scriptProcessorCheck(site: Site): Check | undefined {
  const value = site.handler?.getAttribute('scriptProcessor');
  if (!value) return undefined;
  const [interpreter = '', wfastcgi = ''] = value.split('|');
  const windows = pythonRuntimes.filter((runtime): runtime is WindowsRuntime => runtime.os === 'windows');
  const row = windows.find(runtime => runtime.interpreter.toLowerCase() === interpreter.toLowerCase());
  const { kept } = site;
  if (row && row.wfastcgi.toLowerCase() !== wfastcgi.toLowerCase()) {
    return check('script-processor', 'fail', `scriptProcessor's wfastcgi.py ${wfastcgi} is not the one of ${row.label} (${row.wfastcgi})`, `set scriptProcessor="${row.interpreter}|${row.wfastcgi}"`);
  }
  const runtimeTxt = existsSync(path.join(site.folder, 'runtime.txt')) ? readFileSync(path.join(site.folder, 'runtime.txt'), 'utf8').trim() : '';
  const wanted = /^python-(\d\.\d+)/.exec(runtimeTxt)?.[1] ?? (typeof kept.python === 'string' && !kept.interpreter ? kept.python : undefined);
  const wantedRow = wanted ? windows.find(runtime => runtime.version === wanted) : undefined;
  if (wantedRow && wantedRow.interpreter.toLowerCase() !== interpreter.toLowerCase()) {
    return check('script-processor', 'fail', `scriptProcessor runs ${interpreter}, but the site asks for Python ${wanted} (${wantedRow.interpreter})`, `set scriptProcessor="${wantedRow.interpreter}|${wantedRow.wfastcgi}"`);
  }
  if (!row && !kept.interpreter) {
    return check('script-processor', 'warn', `${interpreter} is none of Azure's Pythons: it must be registered as a FastCGI application with exactly these paths`, 'on IIS: run setup-iis.ps1 (npx generator-azure-python webconfig --host iis)');
  }
  return check('script-processor', 'pass', `scriptProcessor names ${row?.label ?? 'the Python given as --interpreter'}`);
}

function privateFilesCheck(site: Site): Check | undefined {
  const document = site.webConfig;
  if (!document) return undefined;
  const servesFiles = Array.from(document.getElementsByTagName('add')).some(add => add.getAttribute('matchType') === 'IsFile' && add.getAttribute('negate') === 'true');
  if (!servesFiles) return undefined;
  const hidden = children(document.getElementsByTagName('hiddenSegments')[0], 'add').map(add => (add.getAttribute('segment') ?? '').toLowerCase());
  const exposed = filesOf(site.folder).filter(file => {
    const segments = file.toLowerCase().split('/');
    const isPrivate = segments.some(segment => privateNames.includes(segment));
    const served = servedExtensions.includes(path.extname(file).toLowerCase());
    return isPrivate && served && !segments.some(segment => hidden.includes(segment));
  });
  if (exposed.length === 0) return check('private-files', 'pass', 'no private file is served under the IsFile rule');
  return check(
    'private-files',
    'warn',
    `IIS serves ${exposed.join(', ')} to anyone: the rewrite rule leaves existing files to it`,
    `hide them: ${exposed.map(file => `<add segment="${file.split('/').pop()}" />`).join(' ')} under requestFiltering/hiddenSegments (npx generator-azure-python webconfig --harden adds them)`,
  );
}

function packageJsonCheck(site: Site): Check {
  if (!existsSync(path.join(site.folder, 'package.json'))) return check('package-json', 'pass', 'no package.json in the site root');
  return check('package-json', 'fail', 'package.json in the site root: Azure\'s deployment builds the site as Node.js, and replaces web.config with iisnode\'s', 'move package.json (and the Node.js tooling) out of the site root, e.g. into a tools/ folder');
}

function requirementsCheck(site: Site): Check | undefined {
  if (!existsSync(path.join(site.folder, 'requirements.txt'))) return undefined;
  if (existsSync(path.join(site.folder, 'runtime.txt'))) return check('requirements', 'pass', 'requirements.txt and runtime.txt: Azure\'s deployment installs them into env');
  if (readdirSync(site.folder).some(file => file.endsWith('.py'))) return check('requirements', 'pass', 'requirements.txt and a .py file in the root: Azure\'s deployment installs them');
  const interpreter = (site.handler?.getAttribute('scriptProcessor') ?? site.webConfig?.getElementsByTagName('httpPlatform')[0]?.getAttribute('processPath') ?? '').split('|')[0]!;
  const builtIn = pythonRuntimes.find(runtime => isAzureBuiltIn(runtime) && (runtime as WindowsRuntime).interpreter.toLowerCase() === interpreter.toLowerCase());
  if (builtIn) {
    return check('requirements', 'fail', 'requirements.txt is never installed: Azure\'s deployment builds Python only with runtime.txt (or a .py file) in the root', `add runtime.txt holding python-${builtIn.version}`);
  }
  return check('requirements', 'warn', `requirements.txt is not installed by Azure's deployment for ${interpreter || 'this Python'}`, `install it once into that Python: ${interpreter || 'python'} -m pip install -r requirements.txt (Kudu console on Azure)`);
}

function branchCheck(site: Site): Check | undefined {
  const head = path.join(site.folder, '.git', 'HEAD');
  if (!existsSync(head)) return undefined;
  const branch = /^ref: refs\/heads\/(.+)$/m.exec(readFileSync(head, 'utf8'))?.[1];
  if (!branch || branch === 'master') return check('deploy-branch', 'pass', 'the branch is master, the one Azure deploys');
  return check('deploy-branch', 'warn', `the branch is ${branch}, but Azure deploys master: a plain git push azure leaves the site as it was`, `git push azure ${branch}:master   (or set the app setting DEPLOYMENT_BRANCH=${branch})`);
}

/** The packages requirements.txt names, lower-cased. */
function requirementNames(folder: string): string[] {
  const file = path.join(folder, 'requirements.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map(packageName)
    .filter((name): name is string => name !== undefined);
}

function children(parent: Element | undefined, name: string): Element[] {
  if (!parent) return [];
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1 && node.nodeName === name);
}

/** The site's files, relative and / separated, but .git and env. */
function filesOf(folder: string): string[] {
  const found: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current)) {
      if (entry === '.git' || entry === 'env' || entry === 'node_modules') continue;
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) visit(full);
      else found.push(path.relative(folder, full).split(path.sep).join('/'));
    }
  };
  visit(folder);
  return found;
}

/** The report: one line per check; a WARN or FAIL ends with its fix. */
export function formatReport(checks: readonly Check[]): string {
  return checks.map(found => `${found.status.toUpperCase().padEnd(4)} ${found.message}${found.fix ? ` -- fix: ${found.fix}` : ''}`).join('\n');
}

/** The fixes that only add a file, so are safe to apply: the handler's placeholder, runtime.txt. */
export function safeFixes(folder: string, checks: readonly Check[]): { path: string; contents: string }[] {
  const fixes: { path: string; contents: string }[] = [];
  for (const found of checks.filter(candidate => candidate.status === 'fail')) {
    const placeholder = /^create the empty file (\S+) in the site root/.exec(found.fix ?? '')?.[1];
    if (found.id === 'placeholder' && placeholder) fixes.push({ path: placeholder, contents: '' });
    const runtime = /^add runtime\.txt holding (python-[\d.]+)$/.exec(found.fix ?? '')?.[1];
    if (found.id === 'requirements' && runtime) fixes.push({ path: 'runtime.txt', contents: `${runtime}\n` });
  }
  return fixes.filter(fix => !existsSync(path.join(folder, fix.path)));
}
