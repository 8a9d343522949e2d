import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Element } from '../../xml/tree.js';
import { windowsRuntimeWith } from '../../catalog/runtimes.js';
import { httpPlatformApp, moduleFileIn, serverPathInSite, runsHttpPlatform, sitePath, type ExistingSite } from '../../site/existing.js';
import { webConfigEdit } from '../changes.js';
import { check, type Check } from '../check.js';
import { probeWsgi, uninstalledRequirement } from './python.js';

// App Service's front end ends a request after 230 seconds, whatever the site's own limit.
const frontEndSeconds = 230;

/** requestTimeout's hh:mm:ss, in seconds; undefined for another form. */
function seconds(timespan: string): number | undefined {
  const parts = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(timespan.trim());
  if (!parts) return undefined;
  const [, days = '0', hours, minutes, secondsPart] = parts;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(secondsPart);
}

/**
 * A site served by HttpPlatformHandler: the Python it starts (processPath), whether the
 * server it starts listens on the port HttpPlatformHandler gives, where its output goes, and
 * how long a request may take.
 */
export function httpPlatformChecks(site: ExistingSite): Check[] {
  if (!runsHttpPlatform(site)) return [];
  const platform = site.webConfig?.getElementsByTagName('httpPlatform')[0];
  if (!platform) {
    return [check('http-platform', 'fail', 'the handler is HttpPlatformHandler, and web.config has no <httpPlatform> to say what it starts: every request is a 500', 'add <httpPlatform processPath="<python.exe>" arguments="-m waitress --port=%HTTP_PLATFORM_PORT% <module>:<callable>"> under system.webServer')];
  }
  const found: Check[] = [];
  const processPath = platform.getAttribute('processPath') ?? '';
  const expanded = processPath.replace(/^%HOME%/i, 'D:\\home');
  if (processPath === '') {
    found.push(check('process-path', 'fail', 'httpPlatform has no processPath: HttpPlatformHandler starts nothing', 'set processPath to the site\'s python.exe'));
  } else if (site.host === 'azure' && !windowsRuntimeWith(expanded) && !expanded.toLowerCase().startsWith(`${site.siteRoot.toLowerCase()}\\`)) {
    found.push(
      check(
        'process-path',
        /^[A-Za-z]:\\/.test(expanded) ? 'fail' : 'warn',
        `processPath ${processPath} is neither a Python of App Service (a site extension's) nor in the site (${site.siteRoot}): ${/^[A-Za-z]:\\/.test(expanded) ? 'App Service has no such file, and answers 502.5' : 'App Service resolves it through its PATH, where no Python is'}`,
        'set processPath to a site extension\'s python.exe (D:\\home\\python364x64\\python.exe), or the virtualenv\'s in the site',
      ),
    );
  } else {
    found.push(check('process-path', 'pass', `processPath ${processPath}`));
  }
  const argumentsValue = platform.getAttribute('arguments') ?? '';
  const portVariable = Array.from(platform.getElementsByTagName('environmentVariable')).some(variable => /%HTTP_PLATFORM_PORT%/i.test(variable.getAttribute('value') ?? ''));
  if (/%HTTP_PLATFORM_PORT%/i.test(argumentsValue)) {
    found.push(check('platform-port', 'pass', 'the server is started on %HTTP_PLATFORM_PORT%, the port HttpPlatformHandler forwards to'));
  } else if (portVariable) {
    found.push(check('platform-port', 'warn', 'arguments name no port; an environment variable holds %HTTP_PLATFORM_PORT%: the app must listen on it itself', 'pass the port in arguments (waitress: --port=%HTTP_PLATFORM_PORT%), or make sure the app reads that variable'));
  } else {
    found.push(check('platform-port', 'fail', `arguments "${argumentsValue}" name no %HTTP_PLATFORM_PORT%: the server listens on a port HttpPlatformHandler does not forward to, and every request is a 502.3`, 'add --port=%HTTP_PLATFORM_PORT% (waitress) or --bind=127.0.0.1:%HTTP_PLATFORM_PORT% (gunicorn) to arguments'));
  }
  if (platform.getAttribute('stdoutLogEnabled') !== 'true') {
    const logFile = site.host === 'azure' ? '\\\\?\\%home%\\LogFiles\\python.log' : '.\\logs\\python.log';
    found.push(
      check(
        'platform-log',
        'warn',
        'stdoutLogEnabled is not true: what the app prints when it fails to start (a traceback) is kept nowhere',
        `set stdoutLogEnabled="true" stdoutLogFile="${logFile}"`,
        webConfigEdit(site, platform, { stdoutLogEnabled: 'true', ...(platform.hasAttribute('stdoutLogFile') ? {} : { stdoutLogFile: logFile }) }),
      ),
    );
  } else {
    const logFile = platform.getAttribute('stdoutLogFile') ?? '.\\httpplatform-stdout';
    const writable = site.host !== 'azure' || /(^|\\)LogFiles\\/i.test(logFile) || /^\.\\/.test(logFile);
    found.push(
      writable
        ? check('platform-log', 'pass', `the app's output goes to ${logFile}`)
        : check('platform-log', 'warn', `stdoutLogFile ${logFile} is outside D:\\home\\LogFiles, where App Service keeps and serves logs`, 'set stdoutLogFile="\\\\?\\%home%\\LogFiles\\python.log"'),
    );
  }
  const timeout = platform.getAttribute('requestTimeout');
  const limit = timeout === null ? undefined : seconds(timeout);
  if (site.host === 'azure' && limit !== undefined && limit > frontEndSeconds) {
    found.push(check('platform-timeout', 'warn', `requestTimeout ${timeout} is longer than App Service's front end waits (${frontEndSeconds} s): a longer request ends with its 500 first`, 'move long work out of the request, and set requestTimeout="00:03:50" or less'));
  }
  return found;
}

/**
 * The app HttpPlatformHandler's process serves: waitress's module:callable imported as waitress
 * would (with the local Python, running the user's code, unless `python` is undefined), or the
 * script it starts, which must be in the site.
 */
export function platformAppCheck(site: ExistingSite, python: string | undefined, hostHeader?: string): Check | undefined {
  if (!runsHttpPlatform(site)) return undefined;
  const platform = site.webConfig?.getElementsByTagName('httpPlatform')[0];
  const app = platform && httpPlatformApp(platform);
  if (!platform || !app) return undefined;
  if (app.kind === 'module') return check('platform-app', 'pass', `HttpPlatformHandler runs python -m ${app.module}: what it serves is not read by the doctor`);
  if (app.kind === 'script') {
    const file = serverPathInSite(site, app.script);
    if (file === undefined) {
      return site.host === 'azure'
        ? check('platform-app', 'fail', `HttpPlatformHandler starts ${app.script}, outside the site root ${site.siteRoot}: nothing deployed is there, and every request is a 502`, `start the script from the site: arguments="${site.siteRoot}\\${path.basename(app.script.replace(/\\/g, '/'))} ..."`)
        : check('platform-app', 'pass', `HttpPlatformHandler starts ${app.script}, a file of the server's outside the site (not checked)`);
    }
    if (!existsSync(file)) {
      return check('platform-app', 'fail', `HttpPlatformHandler starts ${app.script}, and the site has no ${sitePath(site, file)}: the process exits at once, and every request is a 502.5`, 'correct the script\'s path in arguments, or add the script to the site');
    }
    if (app.runserver) {
      return check('platform-app', 'warn', `HttpPlatformHandler starts ${app.script} runserver: Django's development server, which its documentation says not to use in production`, 'serve the project with waitress: arguments="-m waitress --port=%HTTP_PLATFORM_PORT% <project>.wsgi:application" (and waitress in requirements.txt)');
    }
    return check('platform-app', 'pass', `HttpPlatformHandler starts ${app.script}, which is in the site`);
  }
  const [module, attribute] = app.target.split(':') as [string, string];
  const variables = Object.fromEntries(
    Array.from(platform.getElementsByTagName('environmentVariable')).map(variable => [variable.getAttribute('name') ?? '', variable.getAttribute('value') ?? '']),
  );
  const roots = [site.folder, ...(variables.PYTHONPATH ?? '').split(';').filter(entry => entry.trim() !== '').map(entry => serverPathInSite(site, entry.trim())).filter((entry): entry is string => entry !== undefined)];
  const moduleFile = moduleFileIn(roots, module);
  const handler = `${module}.${attribute}${app.factory ? '()' : ''}`;
  const probe = python === undefined || moduleFile === undefined ? undefined : probeWsgi(python, roots, handler, variables, hostHeader);
  if (!probe) {
    return moduleFile
      ? check('platform-app', 'pass', `waitress serves ${app.target}, and ${sitePath(site, moduleFile)} is in the site (${python === undefined ? 'read, not imported: --no-import' : 'not imported: no python3 here to run it'})`)
      : check('platform-app', 'fail', `waitress serves ${app.target}, and the site has no ${module.split('.').join('/')}.py: waitress exits with "No module named", and every request is a 502.5`, `correct the module in arguments (<module>:<callable>), or add ${module.split('.').join('/')}.py to the site`);
  }
  switch (probe.status) {
    case 'ok':
      return check('platform-app', 'pass', `waitress serves ${app.target}, which imports and answers a request${hostHeader ? ` for ${hostHeader}` : ''} (local ${python})`);
    case 'remove-call':
      return check('platform-app', 'fail', `waitress calls ${app.target} (--call), which is the WSGI app itself: ${probe.detail}`, 'drop --call from arguments', argumentsEdit(site, platform, argumentsValue => argumentsValue.replace(/\s*--call\b/, '')));
    case 'add-call':
      return check('platform-app', 'fail', `waitress serves ${app.target} as the app, and it is a factory: ${probe.detail}`, 'add --call to arguments, before the module', argumentsEdit(site, platform, argumentsValue => argumentsValue.replace(app.target, `--call ${app.target}`)));
    case 'str-body':
      return check('platform-app', 'fail', `${app.target} returns a str body: waitress answers 500 ("Write value must be a bytestring")`, "return bytes: b'...' or '...'.encode('utf-8')");
    case 'bad-host':
      return check('platform-app', 'fail', `${app.target} refuses the site's own host name: ${probe.detail} (Django's DisallowedHost: ALLOWED_HOSTS lacks it)`, `add '${hostHeader}' to ALLOWED_HOSTS; another host: doctor --host-header <name>`);
    case 'import-error': {
      const missing = uninstalledRequirement(site, probe.detail);
      if (missing) return check('platform-app', 'warn', `${app.target} could not be checked here: ${missing} (from requirements.txt) is not installed for ${python}`, 'python3 -m pip install -r requirements.txt, then run the doctor again');
      return check('platform-app', 'fail', `waitress cannot import ${app.target}: ${probe.detail}`, 'correct <module>:<callable> in arguments');
    }
    default:
      return check('platform-app', 'fail', `${app.target} fails on a plain GET: ${probe.detail}`, 'run it locally to see the traceback: python -m waitress ' + app.target);
  }
}

function argumentsEdit(site: ExistingSite, platform: Element, change: (argumentsValue: string) => string) {
  return webConfigEdit(site, platform, { arguments: change(platform.getAttribute('arguments') ?? '') });
}
