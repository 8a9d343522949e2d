import { findHost } from '../catalog/hosts.js';
import { findPythonRuntime, pythonRuntimes } from '../catalog/runtimes.js';
import { findServer } from '../catalog/servers.js';
import { InvalidAnswerError, shownValue } from './errors.js';
import type { SiteAnswers } from './model.js';

/** The rules between answers, checked once every answer is known. */
export function checkAnswerCombination(answers: Partial<SiteAnswers>): void {
  const host = answers.host === undefined ? undefined : findHost(answers.host);
  const runtime = answers.python === undefined ? undefined : findPythonRuntime(answers.python);
  if (host?.python !== undefined && runtime && runtime.os !== host.os && !answers.interpreter) {
    const rows = pythonRuntimes.filter(row => row.os === host.os).map(row => row.version);
    throw new InvalidAnswerError('--python', `on --host ${host.name}, use one of ${rows.join(', ')}`, shownValue(answers.python));
  }
  const fastcgi = findServer(answers.server ?? 'fastcgi').pythonServer === undefined;
  if (fastcgi && host?.os !== 'linux' && Boolean(answers.interpreter) !== Boolean(answers.wfastcgi)) {
    const [given, needed] = answers.interpreter ? ['--interpreter', '--wfastcgi'] : ['--wfastcgi', '--interpreter'];
    throw new InvalidAnswerError(given, `it needs ${needed} too: FastCGI runs "<python.exe>|<wfastcgi.py>"`, undefined);
  }
  if (answers.config === 'portal' && host !== undefined && (!host.onAzure || host.os !== 'windows' || !fastcgi)) {
    throw new InvalidAnswerError('--config', 'the portal (Option 1) configures Azure App Service on Windows with FastCGI: use --host azure --server fastcgi, or --config webconfig', '"portal"');
  }
  if (!fastcgi && answers.routing === 'rewrite' && host?.os !== 'linux') {
    throw new InvalidAnswerError('--routing', "with --server httpplatform the handler takes every path: use wildcard", '"rewrite"');
  }
  if (!fastcgi && answers.wsgiLog && host?.os !== 'linux') {
    throw new InvalidAnswerError('--wsgi-log', `it is wfastcgi's log, and --server httpplatform does not run wfastcgi (its log is ${host?.logFolder ?? 'the log folder'}\\python.log)`, shownValue(answers.wsgiLog));
  }
  if (answers.serveFiles === 'static-only' && answers.staticDir === '') {
    throw new InvalidAnswerError('--serve-files', 'it needs --static-dir, the folder whose files IIS serves', '"static-only"');
  }
  const staticTop = answers.staticDir?.split('/')[0].toLowerCase();
  if (staticTop && staticTop === answers.module?.toLowerCase()) {
    const rule = "it is the module's folder, whose Python source IIS would then serve: choose another folder";
    throw new InvalidAnswerError('--static-dir', rule, shownValue(answers.staticDir));
  }
}

