import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { check, type Check } from './check.js';

/*
 * The logs a user downloads from Kudu (the LogFiles folder, or the zip of
 * https://<site>.scm.azurewebsites.net/api/dump): wfastcgi's log (WSGI_LOG), HttpPlatformHandler's
 * stdout log, IIS's detailed error pages (DetailedErrors/*.htm), eventlog.xml, and on Linux
 * *_default_docker.log. Each known signature there becomes one finding with its fix.
 */

export interface LogFile {
  /** Relative to the folder or zip, / separated. */
  readonly name: string;
  readonly text: string;
}

interface Signature {
  readonly id: string;
  readonly pattern: RegExp;
  /** What the match means, and its fix; `found` is the match, `file` where. */
  readonly finding: (found: RegExpExecArray, file: LogFile) => { readonly message: string; readonly fix: string };
}

/** The known signatures, most specific first: a traceback's last line is read before the line that introduces it. */
export const logSignatures: readonly Signature[] = [
  {
    id: 'log-wsgi-handler-unset',
    pattern: /WSGI_HANDLER env var must be set/,
    finding: () => ({ message: 'wfastcgi found no WSGI_HANDLER: the app setting is missing where wfastcgi reads it', fix: 'add <add key="WSGI_HANDLER" value="<module>.<callable>" /> to web.config\'s appSettings (or the portal\'s app settings)' }),
  },
  {
    id: 'log-wsgi-handler-import',
    pattern: /ValueError: "([^"]+)" could not be imported/,
    finding: found => ({ message: `wfastcgi could not import WSGI_HANDLER ${found[1]}: the module is not in PYTHONPATH's folders, or its import failed (the traceback above it says which)`, fix: 'put the module in a PYTHONPATH folder, or correct WSGI_HANDLER to <module>.<callable> (npx generator-azure-python doctor checks both)' }),
  },
  {
    id: 'log-wsgi-handler-call',
    pattern: /TypeError: (?:__call__\(\) missing 2 required positional arguments|(\w+)\(\) takes 0 positional arguments but 2 were given)/,
    finding: found => (found[1]
      ? { message: `WSGI_HANDLER names ${found[1]}, a function that returns the app, and wfastcgi called it as the app`, fix: `add "()" to WSGI_HANDLER: ...${found[1]}()` }
      : { message: 'WSGI_HANDLER ends in "()", so wfastcgi called the app itself without a request', fix: 'remove the "()" from WSGI_HANDLER (Flask and Bottle apps are objects, not factories)' }),
  },
  {
    id: 'log-str-body',
    pattern: /content must be encoded before sending|(?:write\(\) argument|data) must be (?:a )?bytes/,
    finding: () => ({ message: 'the app returned a str body: wfastcgi on Python 3 sends bytes only, and answers 500', fix: "return bytes from the WSGI app: b'...' or '...'.encode('utf-8')" }),
  },
  {
    id: 'log-module-missing',
    pattern: /(?:ModuleNotFoundError: No module named '([\w.]+)'|ImportError: No module named '?([\w.]+)'?)/,
    finding: found => {
      const name = (found[1] ?? found[2] ?? '').split('.')[0];
      return { message: `the site's Python has no module ${name}: it is not installed where the site's Python looks`, fix: `add ${name} to requirements.txt and deploy again (on a site extension's Python, install it with that Python's pip in the Kudu console)` };
    },
  },
  {
    id: 'log-script-processor',
    pattern: /scriptProcessor could not be found in (?:<|&lt;)fastCGI(?:>|&gt;) application configuration/,
    finding: () => ({ message: "IIS has no FastCGI application with the handler's scriptProcessor: the two halves must equal a registered application's fullPath and arguments exactly", fix: 'on App Service use the paths of an installed Python (a row of docs/hosts-and-runtimes.md); on IIS run setup-iis.ps1, which registers them' }),
  },
  {
    id: 'log-fastcgi-exited',
    pattern: /The FastCGI process exited unexpectedly/,
    finding: () => ({ message: 'python.exe started and stopped before answering: a wfastcgi.py that is not there, a Python that cannot start, or a crash while wfastcgi loads', fix: "run the scriptProcessor's command by hand (Kudu console or the server's): <python.exe> <wfastcgi.py>, and read what it prints" }),
  },
  {
    id: 'log-disallowed-host',
    pattern: /Invalid HTTP_HOST header: '([^']+)'/,
    finding: found => ({ message: `Django refused the host ${found[1]}: ALLOWED_HOSTS lacks it, so every request answers 400`, fix: `add '${found[1]}' to ALLOWED_HOSTS (on App Service, os.environ['WEBSITE_HOSTNAME'] holds it)` }),
  },
  {
    id: 'log-config-unreadable',
    pattern: /HTTP Error 500\.19|Error Code\s*(?:<\/[^>]+>\s*<[^>]+>\s*)?0x8007000d/,
    finding: () => ({ message: 'IIS could not read web.config (500.19): malformed XML, or a section no installed module defines (rewrite without URL Rewrite, httpPlatform without HttpPlatformHandler)', fix: 'npx generator-azure-python doctor names the line; install the module the section needs' }),
  },
  {
    id: 'log-platform-gateway',
    pattern: /502\.3|There was a connection error while trying to route the request/,
    finding: () => ({ message: "HttpPlatformHandler started the server, and the server did not answer on the port it was given (502.3)", fix: 'start it on %HTTP_PLATFORM_PORT% (waitress --port=%HTTP_PLATFORM_PORT%), and set stdoutLogEnabled="true" to see why it stops' }),
  },
  {
    id: 'log-platform-start',
    pattern: /502\.5|failed to start process with commandline/,
    finding: () => ({ message: "HttpPlatformHandler could not start processPath, or the process ended at once (502.5)", fix: 'check that processPath exists on the host (npx generator-azure-python doctor), and read the stdout log' }),
  },
  {
    id: 'log-container-exited',
    pattern: /Container (\S+) for site (\S+) has exited, failing site start/,
    finding: found => ({ message: `the container of site ${found[2]} stopped at start: the app crashed, or the startup command ended`, fix: 'read the container log lines before this one for the traceback; the startup command must keep a server running (gunicorn ...)' }),
  },
  {
    id: 'log-http-pings',
    pattern: /didn't respond to HTTP pings on port: (\d+)/,
    finding: found => ({ message: `nothing answered on port ${found[1]} in time: the startup command bound another address or port (127.0.0.1, 5000), or the app crashed at start`, fix: `bind 0.0.0.0 and the port App Service gives: gunicorn --bind=0.0.0.0:${found[1]} <module>:<callable>, or set WEBSITES_PORT to the port the app listens on` }),
  },
  {
    id: 'log-start-timeout',
    pattern: /did not start within expected time limit\. Elapsed time = ([\d.]+) sec/,
    finding: found => ({ message: `the container did not start in ${found[1]} s: a slow start (migrations, a large import) or a server that never listens`, fix: 'move slow work out of start-up, or raise the app setting WEBSITES_CONTAINER_START_TIME_LIMIT (up to 1800)' }),
  },
];

// Text files of a log dump; anything else (binary traces) is left out.
const readable = /\.(log|txt|htm|html|xml)$/i;
// The end of a log is where the latest failure is.
const maxBytes = 4 * 1024 * 1024;

const require = createRequire(import.meta.url);

/** The log files of `source`: a folder (read recursively) or a .zip of one. */
export function readLogFiles(source: string): LogFile[] {
  if (source.toLowerCase().endsWith('.zip')) {
    const { unzipSync, strFromU8 } = require('fflate') as typeof import('fflate');
    const entries = unzipSync(readFileSync(source), { filter: entry => readable.test(entry.name) });
    return Object.entries(entries).map(([name, bytes]) => ({ name, text: strFromU8(bytes.subarray(Math.max(0, bytes.length - maxBytes))) }));
  }
  const found: LogFile[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && readable.test(entry.name)) {
        const size = statSync(full).size;
        const bytes = readFileSync(full);
        found.push({ name: path.relative(source, full).split(path.sep).join('/'), text: bytes.subarray(Math.max(0, size - maxBytes)).toString('utf8') });
      }
    }
  };
  visit(source);
  return found;
}

/** One finding per signature found, with the file (and line) it was last seen in; a PASS when none is. */
export function logChecks(source: string): Check[] {
  let files: LogFile[];
  try {
    files = readLogFiles(source);
  } catch (error) {
    return [check('logs', 'fail', `the logs at ${source} could not be read: ${(error as Error).message}`, 'give the LogFiles folder, or the zip Kudu\'s /api/dump downloads')];
  }
  const findings: Check[] = [];
  for (const signature of logSignatures) {
    let last: { found: RegExpExecArray; file: LogFile; line: number } | undefined;
    for (const file of files) {
      const global = new RegExp(signature.pattern.source, `${signature.pattern.flags.replace('g', '')}g`);
      for (let found = global.exec(file.text); found; found = global.exec(file.text)) {
        last = { found, file, line: file.text.slice(0, found.index).split('\n').length };
      }
    }
    if (!last) continue;
    const { message, fix } = signature.finding(last.found, last.file);
    findings.push(check(signature.id, 'fail', `${last.file.name}, line ${last.line}: ${message}`, fix));
  }
  if (findings.length === 0) return [check('logs', 'pass', `${files.length} log file${files.length === 1 ? '' : 's'} read: none holds a known failure`)];
  return findings;
}
