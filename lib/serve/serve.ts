import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linuxAppSettings, linuxStartupCommand } from '../azure/linux-site.js';
import { startupCommand } from '../azure/linux.js';
import { siteHostHeader } from '../doctor/checks/python.js';
import { webConfigChecks } from '../doctor/checks/web-config.js';
import { diagnose } from '../doctor/diagnose.js';
import { formatReport } from '../doctor/report.js';
import { requestOutcome, resolvedPath, type HandlerMapping } from '../iis/request-pipeline.js';
import { NoWindowsSiteError, readWindowsSite, type WindowsSite } from '../migrate/windows-site.js';
import { commandWords, localPath, readExistingSite, serverAbsolutePath, serverPathInSite, type ExistingSite } from '../site/existing.js';
import type { AppAnswers } from '../site/layout.js';
import { parseCgiResponse } from './fastcgi.js';
import { ProcessServer } from './process-server.js';
import { FastCgiWorker } from './worker.js';

/*
 * `serve`: a site run on 127.0.0.1 the way its host runs it. A Windows site's requests go
 * through the IIS model (lib/iis/request-pipeline.ts: request filtering, URL Rewrite, the
 * handler mapping, the static file handler), and those that reach Python go over FastCGI to a
 * worker that does what wfastcgi does; HttpPlatformHandler's process and a Linux site's startup
 * command are started and proxied to. Each request prints one line with what decided it.
 */

export interface ServeOptions {
  /** The port to listen on (0: any free one). */
  readonly port?: number;
  /** The Host the site's rules and app see: by default App Service's name for the site on Azure, else the request's own. */
  readonly hostHeader?: string;
  /** The local Python that runs the app (python3 by default). */
  readonly python?: string;
  /** Where the lines go: the access log, and what will run. */
  readonly say?: (line: string) => void;
  /** Called once a request is answered, with its URL and what decided it (its access-log line's words). */
  readonly answered?: (url: string, decided: string) => void;
}

export interface ServedSite {
  readonly url: string;
  /** What serve runs, in words: the worker and its app, or the site's own command. */
  readonly runs: string;
  /** The handler mappings the site has outside web.config (the portal's), as the IIS model takes them. */
  readonly handlers: readonly HandlerMapping[];
  close(): Promise<void>;
}

/** A site serve will not start: what IIS itself refuses (its 500.19), with the doctor's lines. */
export class ServeRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServeRefusal';
  }
}

/** How a site's requests that reach its app are answered: by the FastCGI worker, or by a server process. */
interface Backend {
  readonly runs: string;
  /** Answers the request; the status and what the app's side did, in words. */
  answer(request: IncomingMessage, body: Buffer, response: ServerResponse, outcome: PythonRoute): Promise<{ status: number; said: string }>;
  close(): void;
}

interface PythonRoute {
  /** The URL as requested, its dot segments resolved: what URL Rewrite keeps in HTTP_X_ORIGINAL_URL. */
  readonly requested: string;
  readonly url: string;
  readonly scriptName: string;
  readonly rewritten: boolean;
  readonly host: string;
  readonly https: boolean;
}

export async function serveSite(folder: string, options: ServeOptions = {}): Promise<ServedSite> {
  const say = options.say ?? (line => process.stderr.write(`${line}\n`));
  const site = readExistingSite(folder);
  const python = options.python ?? 'python3';
  const hostHeader = options.hostHeader ?? siteHostHeader(site, undefined);
  // A Linux site: its answers say so, or it has a startup command and nothing of IIS's.
  const linux = site.host === 'linux' || (!site.webConfig && !site.webConfigError && site.settings.WSGI_HANDLER === undefined && linuxStartupCommand(site) !== undefined);
  // IIS answers every URL of a site whose web.config it cannot read with a 500.19: serve does not start.
  const refused = linux ? [] : webConfigChecks(site).filter(found => found.status === 'fail');
  if (refused.length > 0) throw new ServeRefusal(`IIS would answer every request with 500.19:\n${formatReport(refused)}`);
  const windows = linux ? undefined : windowsSiteIn(folder);
  // The doctor's other findings do not stop IIS: said, and served anyway.
  const findings = diagnose(folder, python, { importApp: false }).filter(found => found.status !== 'pass');
  if (findings.length > 0) say(`The doctor's findings (the site is served as it is):\n${formatReport(findings)}`);

  const backend = linux ? linuxBackend(site, hostHeader, say) : windows!.server === 'httpplatform' ? httpPlatformBackend(windows!, python, say) : fastCgiBackend(windows!, python, say);
  // App Service's front end ends TLS and passes {HTTPS} on; a server of one's own is asked over HTTP here.
  const https = site.host !== 'iis';
  // A site whose web.config maps no handler to Python has the portal's (Option 1): extension *.
  const portalHandlers: HandlerMapping[] = windows && !site.handler ? [{ name: 'portal: *', path: '*', verb: '*', modules: 'FastCgiModule', resourceType: 'Unspecified' }] : [];

  const server = createServer((request, response) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      handle(request, body, response).then(
        line => {
          say(`${request.method} ${request.url} ${line} (${Date.now() - started} ms)`);
          options.answered?.(request.url ?? '/', line);
        },
        (error: Error) => {
          if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
          response.end(`serve: ${error.message}\n`);
          say(`${request.method} ${request.url} 500 serve: ${error.message}`);
        },
      );
    });
  });

  async function handle(request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<string> {
    const host = hostHeader ?? request.headers.host ?? '127.0.0.1';
    const url = request.url ?? '/';
    const route = { requested: url, url, scriptName: url, rewritten: false, host, https };
    if (linux) {
      const { status, said } = await backend.answer(request, body, response, route);
      return `${status} ${said}`;
    }
    const trail: string[] = [];
    const outcome = requestOutcome(folder, url, { https, host, verb: request.method, siteHandlers: portalHandlers }, trail);
    const decided = trail.join(', ');
    switch (outcome.kind) {
      case 'refused':
      case 'not found':
      case 'custom response': {
        const status = Number.parseInt(outcome.status, 10);
        response.writeHead(status, { 'Content-Type': 'text/plain' });
        response.end(`HTTP Error ${outcome.status}\n`);
        return `${outcome.status} ${decided}`;
      }
      case 'redirect':
        response.writeHead(outcome.status, { Location: outcome.location });
        response.end();
        return `${outcome.status} ${decided}`;
      case 'aborted':
        request.socket.destroy();
        return `aborted ${decided}`;
      case 'file': {
        const file = path.join(folder, ...outcome.file.split('/'));
        // The model never leaves the site; a file outside it is never read, whatever the URL.
        if (!file.startsWith(`${folder}${path.sep}`)) throw new Error(`${url} names a file outside the site`);
        response.writeHead(200, { 'Content-Type': outcome.mimeType });
        response.end(request.method === 'HEAD' ? undefined : readFileSync(file));
        return `200 ${decided}`;
      }
      case 'python': {
        const query = /\?.*$/.exec(url)?.[0] ?? '';
        const python = { ...route, requested: `${resolvedPath(url)}${query}`, url: outcome.url, scriptName: outcome.scriptName, rewritten: outcome.url !== outcome.pathInfo };
        const { status, said } = await backend.answer(request, body, response, python);
        return `${status} ${decided}, ${said}`;
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8000, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // The worker and a server process end with serve, however it ends (Ctrl-C included).
  const endProcesses = () => backend.close();
  process.on('exit', endProcesses);
  return {
    url: `http://127.0.0.1:${port}`,
    runs: backend.runs,
    handlers: portalHandlers,
    close: () =>
      new Promise(resolve => {
        process.off('exit', endProcesses);
        backend.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function windowsSiteIn(folder: string): WindowsSite {
  try {
    return readWindowsSite(folder);
  } catch (error) {
    if (!(error instanceof NoWindowsSiteError)) throw error;
    throw new ServeRefusal(`${folder} holds no site to serve: ${error.detail}, and no startup command of App Service on Linux (azure/azuredeploy.json's appCommandLine, startup.txt)`);
  }
}

/** The request's headers as CGI variables (HTTP_ACCEPT_ENCODING), Host the site's. */
function headerVariables(request: IncomingMessage, host: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'content-length' || name === 'content-type') continue;
    variables[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = Array.isArray(value) ? value.join(', ') : value;
  }
  variables.HTTP_HOST = host;
  return variables;
}

/**
 * The FastCGI parameters IIS's FastCGI module sends wfastcgi for a request: the CGI variables,
 * with PATH_INFO the whole URL the handler was given (IIS's default, which is why wfastcgi empties
 * SCRIPT_NAME), and HTTP_X_ORIGINAL_URL, the URL as requested, when URL Rewrite changed it.
 */
export function fastCgiParams(site: string, request: IncomingMessage, body: Buffer, route: PythonRoute): Record<string, string> {
  const query = /\?(.*)$/.exec(request.url ?? '')?.[1] ?? '';
  const serverName = route.host.replace(/:\d+$/, '');
  return {
    ...headerVariables(request, route.host),
    ...(request.headers['content-type'] ? { CONTENT_TYPE: request.headers['content-type'] } : {}),
    CONTENT_LENGTH: String(body.length),
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_SOFTWARE: 'Microsoft-IIS/10.0',
    SERVER_PROTOCOL: `HTTP/${request.httpVersion}`,
    SERVER_NAME: serverName,
    SERVER_PORT: route.https ? '443' : '80',
    SERVER_PORT_SECURE: route.https ? '1' : '0',
    HTTPS: route.https ? 'on' : 'off',
    REQUEST_METHOD: request.method ?? 'GET',
    QUERY_STRING: query,
    SCRIPT_NAME: route.scriptName,
    PATH_INFO: route.url,
    URL: route.url,
    PATH_TRANSLATED: path.join(site, ...route.url.split('/').filter(Boolean)),
    ...(route.rewritten ? { HTTP_X_ORIGINAL_URL: route.requested } : {}),
    APPL_MD_PATH: '/LM/W3SVC/1/ROOT',
    APPL_PHYSICAL_PATH: `${site}${path.sep}`,
    INSTANCE_ID: '1',
    INSTANCE_META_PATH: '/LM/W3SVC/1',
    REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
    REMOTE_HOST: request.socket.remoteAddress ?? '127.0.0.1',
    REMOTE_PORT: String(request.socket.remotePort ?? 0),
  };
}

/**
 * wfastcgi's app settings as this machine has them: Windows paths of the site (WSGI_LOG,
 * PYTHONPATH's entries) as the site folder's, and a WSGI_LOG outside the site in the system's
 * temporary folder; PYTHONPATH's own entries go to sys.path, in their order.
 */
function localSettings(windows: WindowsSite, say: (line: string) => void): { settings: Record<string, string>; pythonPath: string[] } {
  const settings: Record<string, string> = {};
  for (const { name, value } of windows.settings) {
    if (name.toUpperCase() === 'PYTHONPATH') continue;
    if (name.toUpperCase() === 'WSGI_LOG') {
      const local = localPath(windows.site, value) ?? path.join(tmpdir(), `generator-azure-python-serve-${path.basename(windows.site.folder)}-${path.win32.basename(value)}`);
      say(`WSGI_LOG ${value} is written to ${local}`);
      settings[name] = local;
    } else settings[name] = value;
  }
  return { settings, pythonPath: localPythonPath(windows, say) };
}

/**
 * The site's PYTHONPATH (wfastcgi's app setting, or HttpPlatformHandler's variable) as this
 * machine's folders, in their order; an entry outside the site is said, and left out.
 */
function localPythonPath(windows: WindowsSite, say: (line: string) => void): string[] {
  const folders: string[] = [];
  for (const entry of windows.pythonPath) {
    if (entry.folder === undefined) say(`PYTHONPATH entry ${entry.entry} is outside the site: left off this machine's path`);
    else folders.push(path.join(windows.site.folder, entry.folder));
  }
  return folders;
}

function fastCgiBackend(windows: WindowsSite, python: string, say: (line: string) => void): Backend {
  const { settings, pythonPath } = localSettings(windows, say);
  const handler = windows.site.settings.WSGI_HANDLER ?? '';
  const worker = new FastCgiWorker({ python, site: windows.site.folder, handler, settings, pythonPath }, say);
  return {
    runs: `${python} with a FastCGI worker that imports WSGI_HANDLER ${handler} as wfastcgi does (on the server: ${windows.python.version ? `Python ${windows.python.version}, ` : ''}${windows.python.from})`,
    async answer(request, body, response, route) {
      const answer = await worker.request(fastCgiParams(windows.site.folder, request, body, route), body);
      if (answer instanceof Error) {
        response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end(`HTTP Error 500.0: ${answer.message}\n`);
        return { status: 500, said: `FastCGI: ${answer.message}` };
      }
      // IIS's FastCGI module answers what the worker wrote to stderr as a 500 (stderrMode ReturnStderrIn500).
      if (answer.stderr.length > 0) {
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(answer.stderr);
        return { status: 500, said: `FastCGI -> the worker's stderr (a 500, as IIS answers it): ${answer.stderr.toString('latin1').split('\n')[0]}` };
      }
      const { status, reason, headers, body: content } = parseCgiResponse(answer.stdout);
      response.writeHead(status, reason, headers.flat());
      response.end(content);
      return { status, said: `FastCGI -> app ${status}` };
    },
    close: () => worker.close(),
  };
}

/** HttpPlatformHandler's process: processPath (a python.exe is the local Python) with its arguments, the site's paths as this folder's. */
function httpPlatformBackend(windows: WindowsSite, python: string, say: (line: string) => void): Backend {
  const platform = windows.site.webConfig!.getElementsByTagName('httpPlatform')[0]!;
  const processPath = platform.getAttribute('processPath') ?? '';
  const words = commandWords(platform.getAttribute('arguments') ?? '').map(word => {
    const replaced = word.replace(/%HTTP_PLATFORM_PORT%/gi, '${HTTP_PLATFORM_PORT}');
    return serverAbsolutePath.test(replaced) ? (localPath(windows.site, replaced) ?? replaced) : replaced;
  });
  const program = path.win32.basename(processPath).toLowerCase();
  const [command, leading] = /^pythonw?(\d[\d.]*)?(\.exe)?$/.test(program) ? [python, []] : /^waitress-serve(\.exe)?$/.test(program) ? [python, ['-m', 'waitress']] : [serverPathInSite(windows.site, processPath) ?? processPath, []];
  const env: Record<string, string> = {};
  for (const variable of Array.from(platform.getElementsByTagName('environmentVariable'))) {
    const [name, value] = [variable.getAttribute('name') ?? '', variable.getAttribute('value') ?? ''];
    env[name] = name.toUpperCase() === 'PYTHONPATH' ? localPythonPath(windows, say).join(path.delimiter) : ((serverAbsolutePath.test(value) ? localPath(windows.site, value) : undefined) ?? value);
  }
  const args = [...leading, ...words];
  // The port is known when the process starts: the words that name it are filled in then, by the shell.
  const line = [command, ...args].map(word => (/^[\w@%+=:,./${}-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`)).join(' ');
  const server = new ProcessServer(
    { command: line, shell: true, cwd: windows.site.folder, env, portVariable: 'HTTP_PLATFORM_PORT', startupSeconds: Number(platform.getAttribute('startupTimeLimit') ?? 10) },
    say,
  );
  return {
    runs: `${line}  (HttpPlatformHandler's processPath ${processPath} and its arguments, with HTTP_PLATFORM_PORT)`,
    answer: (request, body, response, route) => proxied(server, request, body, response, route),
    close: () => server.close(),
  };
}

function linuxBackend(site: ExistingSite, hostHeader: string | undefined, say: (line: string) => void): Backend {
  const found = linuxStartupCommand(site);
  const command = found?.command ?? kept(site);
  if (command === undefined) throw new ServeRefusal(`${site.folder} is an App Service on Linux site with no startup command to run (azure/azuredeploy.json's appCommandLine, startup.txt or the kept answers)`);
  const env = { ...linuxAppSettings(site), ...(hostHeader ? { WEBSITE_HOSTNAME: hostHeader.replace(/:\d+$/, '') } : {}) };
  const server = new ProcessServer({ command, shell: true, cwd: site.folder, env, portVariable: 'PORT', startupSeconds: 230 }, say);
  return {
    runs: `${command}  (the startup command of ${found?.from ?? '.yo-rc.json'}, with PORT, WEBSITE_HOSTNAME and the app settings)`,
    answer: (request, body, response, route) => proxied(server, request, body, response, route),
    close: () => server.close(),
  };
}

/** The startup command the kept answers make, for a generated Linux site whose template is not there. */
function kept(site: ExistingSite): string | undefined {
  const { module, moduleDir = '.', callable, framework } = site.kept as Partial<AppAnswers>;
  return module && callable && framework ? startupCommand({ module, moduleDir, callable, framework }) : undefined;
}

async function proxied(server: ProcessServer, request: IncomingMessage, body: Buffer, response: ServerResponse, route: PythonRoute): Promise<{ status: number; said: string }> {
  const headers: Record<string, string> = { ...(request.headers as Record<string, string>), host: route.host };
  if (route.https) headers['x-forwarded-proto'] = 'https';
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '127.0.0.1';
  const answered = await server.forward(request, body, response, headers);
  if (answered instanceof Error) {
    response.writeHead(502, { 'Content-Type': 'text/plain' });
    response.end(`HTTP Error 502.3: ${answered.message}\n`);
    return { status: 502, said: `proxy: ${answered.message}` };
  }
  return { status: answered, said: `proxied -> ${answered}` };
}
