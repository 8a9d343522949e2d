import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pythonRuntimes, windowsRuntimeWith, type WindowsRuntime } from '../../catalog/runtimes.js';
import { hiddenSegments } from '../../iis/names.js';
import { schemaProblems } from '../../iis/schema.js';
import { filesOf, localPaths, type ExistingSite } from '../../site/existing.js';
import { children } from '../../xml/dom.js';
import { check, type Check } from '../check.js';

// Extensions IIS's static file handler serves from its default MIME map, among those a private file has.
const servedExtensions = ['.json', '.txt', '.md', '.xml', '.yml', '.yaml', '.html', '.htm', '.csv', '.ps1'];
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
  const problems = schemaProblems(site.webConfig);
  return [
    check('web.config-xml', 'pass', 'web.config is well-formed XML'),
    problems.length === 0
      ? check('web.config-schema', 'pass', "web.config holds only what IIS's schema accepts")
      : check('web.config-schema', 'fail', `web.config is not valid for IIS: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, `correct ${problems[0]!.split(':')[0]} of web.config`),
  ];
}

export function handlerSettingCheck(site: ExistingSite): Check | undefined {
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

export function pythonPathCheck(site: ExistingSite): Check | undefined {
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

export function placeholderCheck(site: ExistingSite): Check | undefined {
  const handler = site.handler;
  if (!handler || handler.getAttribute('resourceType') !== 'Either' || handler.getAttribute('path') === '*') return undefined;
  const placeholder = handler.getAttribute('path') ?? '';
  if (existsSync(path.join(site.folder, placeholder))) return check('placeholder', 'pass', `${placeholder} exists, as resourceType="Either" needs`);
  return check(
    'placeholder',
    'fail',
    `the handler's path ${placeholder} does not exist: with resourceType="Either" every URL is a 404`,
    `create the empty file ${placeholder} in the site root (touch ${placeholder})`,
    { path: placeholder, kind: 'create', contents: '' },
  );
}

export function scriptProcessorCheck(site: ExistingSite): Check | undefined {
  const value = site.handler?.getAttribute('scriptProcessor');
  if (!value) return undefined;
  const [interpreter = '', wfastcgi = ''] = value.split('|');
  const windows = pythonRuntimes.filter((runtime): runtime is WindowsRuntime => runtime.os === 'windows');
  const row = windowsRuntimeWith(interpreter);
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

export function privateFilesCheck(site: ExistingSite): Check | undefined {
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
