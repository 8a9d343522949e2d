import { windowsRuntimeWith } from '../../catalog/runtimes.js';
import type { ExistingSite } from '../../site/existing.js';
import { check, type Check } from '../check.js';

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
  if (site.handler?.getAttribute('modules')?.toLowerCase() !== 'httpplatformhandler') return [];
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
    found.push(check('platform-log', 'warn', "stdoutLogEnabled is not true: what the app prints when it fails to start (a traceback) is kept nowhere", `set stdoutLogEnabled="true" stdoutLogFile="${site.host === 'azure' ? '\\\\?\\%home%\\LogFiles\\python.log' : '.\\logs\\python.log'}"`));
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
