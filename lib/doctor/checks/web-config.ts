import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findHost } from '../../catalog/hosts.js';
import { placeholderIn } from '../../site/placeholders.js';
import { pythonRuntimes, windowsRuntimeWith, type WindowsRuntime } from '../../catalog/runtimes.js';
import { hiddenSegments } from '../../iis/names.js';
import { staticMimeType } from '../../iis/request-pipeline.js';
import { schemaProblems } from '../../iis/schema.js';
import { filesOf, localPath, localPaths, runsHttpPlatform, type ExistingSite } from '../../site/existing.js';
import { children } from '../../xml/dom.js';
import { settingEdit, webConfigEdit } from '../changes.js';
import { check, type Check } from '../check.js';

const privateNames = [...hiddenSegments.map(entry => entry.segment.toLowerCase()), '.env'];


export function configurationCheck(site: ExistingSite): Check {
  if (site.webConfig || site.webConfigError) return check('configuration', 'pass', 'web.config configures the Python handler (Option 2)');
  if (Object.keys(site.settings).length > 0) return check('configuration', 'pass', 'azure/appsettings.json holds the portal settings (Option 1)');
  return check(
    'configuration',
    'fail',
    'no web.config and no portal settings: IIS has no handler for Python, and answers 404 or lists the folder',
    'npx generator-azure-python webconfig --yes   (or configure the handler in the portal: npx generator-azure-python portal)',
  );
}

export function webConfigChecks(site: ExistingSite): Check[] {
  if (site.webConfigError) {
    const { line, column, reason } = site.webConfigError;
    return [check('web.config-xml', 'fail', `web.config is not well-formed XML: line ${line}, column ${column}: ${reason} (IIS answers 500 on every URL)`, `fix line ${line} of web.config`)];
  }
  if (!site.webConfig) return [];
  const unknown: string[] = [];
  const problems = schemaProblems(site.webConfig, undefined, unknown);
  return [
    check('web.config-xml', 'pass', 'web.config is well-formed XML'),
    problems.length === 0
      ? check('web.config-schema', 'pass', `web.config holds only what IIS's schema accepts${unknown.length > 0 ? ' (in the sections the doctor knows)' : ''}`)
      : check('web.config-schema', 'fail', `web.config is not valid for IIS: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, `correct ${problems[0]!.split(':')[0]} of web.config`),
    ...(unknown.length > 0
      ? [
          check(
            'web.config-sections',
            'warn',
            `web.config has sections the doctor does not know, so it did not check them: ${[...new Set(unknown)].join(', ')} (IIS or .NET may well define them)`,
            'none needed if the site ran with them; a section no installed module defines makes IIS answer 500.19',
          ),
        ]
      : []),
  ];
}

export function handlerSettingCheck(site: ExistingSite): Check | undefined {
  if (runsHttpPlatform(site)) return undefined;
  const value = site.settings.WSGI_HANDLER;
  if (value) return check('wsgi-handler', 'pass', `WSGI_HANDLER is ${value}`);
  return check(
    'wsgi-handler',
    'fail',
    'WSGI_HANDLER is not set: wfastcgi stops with "WSGI_HANDLER env var must be set"',
    'add <add key="WSGI_HANDLER" value="<module>.<callable>" /> to web.config\'s appSettings (or the app setting in the portal)',
  );
}

export function pythonPathCheck(site: ExistingSite): Check | undefined {
  if (runsHttpPlatform(site)) return undefined;
  if (!site.settings.PYTHONPATH) {
    return check('pythonpath', 'warn', 'PYTHONPATH is not set: only a module in the site root itself can be imported', `add <add key="PYTHONPATH" value="${site.siteRoot}" /> (or the module's folder) to appSettings`);
  }
  const placeholder = site.settings.PYTHONPATH.split(';').map(entry => ({ entry: entry.trim(), found: placeholderIn(entry) })).find(({ found }) => found);
  if (placeholder) {
    return check(
      'pythonpath',
      'fail',
      `PYTHONPATH's ${placeholder.entry} is an unfilled template placeholder (${placeholder.found!.text}: ${placeholder.found!.filledBy}): wfastcgi puts it on sys.path as it is, and nothing is there`,
      `replace it with the site's folder: ${site.siteRoot}`,
      settingEdit(site, 'PYTHONPATH', site.settings.PYTHONPATH.split(';').map(entry => (entry.trim() === placeholder.entry ? site.siteRoot : entry)).join(';')),
    );
  }
  const outside = site.settings.PYTHONPATH.split(';').find((entry, index) => entry.trim() && localPaths(site)[index] === undefined);
  if (outside) {
    return check('pythonpath', 'fail', `PYTHONPATH's ${outside} is outside the site root ${site.siteRoot}: nothing deployed is there`, `set PYTHONPATH to a folder under ${site.siteRoot}, e.g. ${site.siteRoot}\\<module folder>`);
  }
  return check('pythonpath', 'pass', `PYTHONPATH is under the site root (${site.settings.PYTHONPATH})`);
}

export function placeholderCheck(site: ExistingSite): Check | undefined {
  const handler = site.handler;
  // Any resourceType but Unspecified (a misspelt one too, once corrected) needs the file to exist.
  const resourceType = handler?.getAttribute('resourceType') ?? 'Unspecified';
  if (!handler || resourceType === 'Unspecified' || handler.getAttribute('path') === '*') return undefined;
  const placeholder = handler.getAttribute('path') ?? '';
  if (existsSync(path.join(site.folder, placeholder))) return check('placeholder', 'pass', `${placeholder} exists, as resourceType="${resourceType}" needs`);
  return check(
    'placeholder',
    'fail',
    `the handler's path ${placeholder} does not exist: with resourceType="${resourceType}" every URL is a 404`,
    `create the empty file ${placeholder} in the site root (touch ${placeholder})`,
    { path: placeholder, kind: 'create', contents: '' },
  );
}

export function scriptProcessorCheck(site: ExistingSite): Check | undefined {
  const value = site.handler?.getAttribute('scriptProcessor');
  if (!value) return undefined;
  const [interpreter = '', wfastcgi = ''] = value.split('|');
  const placeholder = placeholderIn(value);
  if (placeholder) {
    const example = findHost(site.host).interpreter ?? { python: 'D:\\home\\python364x64\\python.exe', wfastcgi: 'D:\\home\\python364x64\\wfastcgi.py' };
    return check(
      'script-processor',
      'fail',
      `scriptProcessor ${value} holds an unfilled template placeholder, ${placeholder.text} (${placeholder.filledBy}): IIS finds no FastCGI application by that name and answers 500`,
      `replace it with python.exe|wfastcgi.py of the site's Python, e.g. scriptProcessor="${example.python}|${example.wfastcgi}"`,
    );
  }
  const windows = pythonRuntimes.filter((runtime): runtime is WindowsRuntime => runtime.os === 'windows');
  const row = windowsRuntimeWith(interpreter);
  const { kept } = site;
  const setTo = (python: string, script: string) => webConfigEdit(site, site.handler!, { scriptProcessor: `${python}|${script}` });
  if (row && row.wfastcgi.toLowerCase() !== wfastcgi.toLowerCase()) {
    return check('script-processor', 'fail', `scriptProcessor's wfastcgi.py ${wfastcgi} is not the one of ${row.label} (${row.wfastcgi})`, `set scriptProcessor="${row.interpreter}|${row.wfastcgi}"`, setTo(row.interpreter, row.wfastcgi));
  }
  const runtimeTxt = existsSync(path.join(site.folder, 'runtime.txt')) ? readFileSync(path.join(site.folder, 'runtime.txt'), 'utf8').trim() : '';
  const wanted = /^python-(\d\.\d+)/.exec(runtimeTxt)?.[1] ?? (typeof kept.python === 'string' && !kept.interpreter ? kept.python : undefined);
  const wantedRow = wanted ? windows.find(runtime => runtime.version === wanted) : undefined;
  if (wantedRow && wantedRow.interpreter.toLowerCase() !== interpreter.toLowerCase()) {
    return check('script-processor', 'fail', `scriptProcessor runs ${interpreter}, but the site asks for Python ${wanted} (${wantedRow.interpreter})`, `set scriptProcessor="${wantedRow.interpreter}|${wantedRow.wfastcgi}"`, setTo(wantedRow.interpreter, wantedRow.wfastcgi));
  }
  if (!row && site.host === 'iis') {
    return check('script-processor', 'pass', `scriptProcessor names ${interpreter}, a Python of the server's own: setup-iis.ps1 (or wfastcgi-enable) registers it as a FastCGI application with these paths`);
  }
  if (!row && !kept.interpreter) {
    return check('script-processor', 'warn', `${interpreter} is none of Azure's Pythons: it must be registered as a FastCGI application with exactly these paths`, 'on IIS: run setup-iis.ps1 (npx generator-azure-python webconfig --host iis)');
  }
  return check('script-processor', 'pass', `scriptProcessor names ${row?.label ?? 'the Python given as --interpreter'}`);
}

export function privateFilesCheck(site: ExistingSite): Check | undefined {
  const document = site.webConfig;
  if (!document) return undefined;
  const servesFiles = Array.from(document.getElementsByTagName('add')).some(add => add.getAttribute('matchType') === 'IsFile' && add.getAttribute('negate') === 'true');
  if (!servesFiles) return undefined;
  const hidden = children(document.getElementsByTagName('hiddenSegments')[0], 'add').map(add => (add.getAttribute('segment') ?? '').toLowerCase());
  const exposed = filesOf(site.folder).filter(file => {
    const segments = file.toLowerCase().split('/');
    const isPrivate = segments.some(segment => privateNames.includes(segment)) && !segments.some(segment => hidden.includes(segment));
    return isPrivate && staticMimeType(site.folder, file, document) !== undefined;
  });
  if (exposed.length === 0) return check('private-files', 'pass', 'no private file is served under the IsFile rule');
  return check(
    'private-files',
    'warn',
    `IIS serves ${exposed.join(', ')} to anyone: the rewrite rule leaves existing files to it`,
    `hide them: ${exposed.map(file => `<add segment="${file.split('/').pop()}" />`).join(' ')} under requestFiltering/hiddenSegments (npx generator-azure-python webconfig --harden adds them)`,
  );
}

/** Option 1 and Option 2 at once: which one the site runs with. */
export function bothOptionsCheck(site: ExistingSite): Check | undefined {
  if (!site.webConfig || !existsSync(path.join(site.folder, 'azure', 'appsettings.json'))) return undefined;
  return check(
    'configuration-both',
    'warn',
    "both Option 2 (web.config) and Option 1 (azure/appsettings.json, the portal's settings) are here: web.config wins on the site, since its handler comes before the portal's handler mapping and wfastcgi copies its appSettings over the environment's",
    'keep one: delete azure/ (and the portal settings) for web.config, or web.config for the portal',
  );
}

/**
 * Visual Studio's virtualenv proxy (ptvs_virtualenv_proxy): WSGI_ALT_VIRTUALENV_ACTIVATE_THIS
 * is a Python file the proxy runs to enter the virtualenv, and WSGI_ALT_VIRTUALENV_HANDLER the app.
 */
export function virtualenvProxyCheck(site: ExistingSite): Check | undefined {
  const activate = site.settings.WSGI_ALT_VIRTUALENV_ACTIVATE_THIS;
  const handler = site.settings.WSGI_ALT_VIRTUALENV_HANDLER;
  if (activate === undefined && handler === undefined) return undefined;
  // Left over from Visual Studio's publish settings, and read by nothing: harmless.
  if (!/ptvs_virtualenv_proxy/.test(site.settings.WSGI_HANDLER ?? '')) {
    return check('virtualenv-proxy', 'pass', `WSGI_ALT_VIRTUALENV_* is set and unused: WSGI_HANDLER ${site.settings.WSGI_HANDLER ?? '(none)'} is not Visual Studio's virtualenv proxy, which alone reads them`);
  }
  if (!handler) return check('virtualenv-proxy', 'fail', 'WSGI_ALT_VIRTUALENV_HANDLER is not set: the virtualenv proxy has no app to load', 'add <add key="WSGI_ALT_VIRTUALENV_HANDLER" value="<module>.<callable>" /> to appSettings');
  if (!existsSync(path.join(site.folder, 'ptvs_virtualenv_proxy.py'))) {
    return check('virtualenv-proxy', 'fail', 'WSGI_HANDLER names ptvs_virtualenv_proxy, and ptvs_virtualenv_proxy.py is not in the site root', "add Visual Studio's ptvs_virtualenv_proxy.py to the site, or set WSGI_HANDLER to the app itself (" + handler + ')');
  }
  if (!activate) return check('virtualenv-proxy', 'fail', 'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS is not set: the proxy cannot enter the virtualenv', 'add it: the virtualenv\'s Scripts\\activate_this.py');
  const placeholder = placeholderIn(activate);
  const activateThis = `${site.siteRoot}\\env\\Scripts\\activate_this.py`;
  if (placeholder) return check('virtualenv-proxy', 'fail', `WSGI_ALT_VIRTUALENV_ACTIVATE_THIS ${activate} holds an unfilled template placeholder, ${placeholder.text} (${placeholder.filledBy})`, `set it to ${activateThis}`, settingEdit(site, 'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS', activateThis));
  if (!/activate_this\.py$/i.test(activate)) {
    return check('virtualenv-proxy', 'fail', `WSGI_ALT_VIRTUALENV_ACTIVATE_THIS is ${activate}: the proxy runs that file as Python source, and only the virtualenv's activate_this.py is one`, `set it to ${activateThis}`, settingEdit(site, 'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS', activateThis));
  }
  const local = localPath(site, activate.replace(/\\[^\\]+$/, ''));
  const underEnv = /\\env\\Scripts\\activate_this\.py$/i.test(activate) && existsSync(path.join(site.folder, 'runtime.txt'));
  if (local && !underEnv && !existsSync(path.join(local, path.basename(activate.replace(/\\/g, '/'))))) {
    return check('virtualenv-proxy', 'fail', `WSGI_ALT_VIRTUALENV_ACTIVATE_THIS ${activate} is in the site, and not there; nothing the deployment runs creates it`, "create the virtualenv there and deploy it, or add runtime.txt so that Azure's deployment creates env (with Scripts\\activate_this.py)");
  }
  return check('virtualenv-proxy', 'pass', `the virtualenv proxy enters ${activate} and loads ${handler}`);
}

/**
 * The rewrite rules, as URL Rewrite runs them: it matches the URL path without its leading /, so
 * a pattern that starts with ^/ never matches; a target that is a pattern is no path a file has.
 */
export function rewriteRulesCheck(site: ExistingSite): Check | undefined {
  const rules = children(site.webConfig?.getElementsByTagName('rules')[0], 'rule').filter(rule => rule.getAttribute('enabled') !== 'false');
  if (rules.length === 0) return undefined;
  for (const rule of rules) {
    const name = rule.getAttribute('name') ?? '';
    const action = children(rule, 'action')[0];
    const target = action?.getAttribute('type') === 'Rewrite' ? (action.getAttribute('url') ?? '') : '';
    if (/\^|\.\*|\$(?!\{)|\\[.dws]/.test(target.replace(/\{[^}]*\}/g, ''))) {
      return check('rewrite-rules', 'fail', `rule "${name}" rewrites to ${target}, a pattern rather than a path: every URL it matches is a 404`, `rewrite to a path, with {R:n} for what the match captured, e.g. url="${name.toLowerCase().includes('static') ? 'static/{R:1}' : '{R:0}'}"`);
    }
  }
  const dead = rules.find(rule => /^\^\//.test(children(rule, 'match')[0]?.getAttribute('url') ?? ''));
  if (dead) {
    const match = children(dead, 'match')[0]!;
    const url = match.getAttribute('url')!;
    return check('rewrite-rules', 'warn', `rule "${dead.getAttribute('name')}" matches ${url}, which never matches: URL Rewrite matches a site's URL path without its leading /`, `drop the / after ^: url="${url.replace(/^\^\//, '^')}"`, webConfigEdit(site, match, { url: url.replace(/^\^\//, '^') }));
  }
  return check('rewrite-rules', 'pass', `the ${rules.length} rewrite rule${rules.length === 1 ? '' : 's'} can match, and rewrite to paths`);
}
