import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parseXmlText, type Document } from '../lib/xml/text.js';
import helpers from 'yeoman-test';
import { generatorPath, type GeneratorName } from '../lib/engine/registry.js';
import { packageRoot } from '../lib/engine/package-root.js';
import { schemaProblems } from '../lib/iis/schema.js';
import { localPaths, readExistingSite } from '../lib/site/existing.js';

export const binPath = path.join(packageRoot, 'dist', 'bin', 'start.cjs');

export function temporaryFolder(prefix = 'azure-python-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Writes `files` (relative, / separated path: contents) into `folder`, making their folders; returns `folder`. */
export function writeFiles(folder: string, files: Readonly<Record<string, string>>): string {
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), contents);
  }
  return folder;
}

/** A new temporary folder holding `files`. */
export function folderWith(files: Readonly<Record<string, string>>, prefix?: string): string {
  return writeFiles(temporaryFolder(prefix), files);
}

let resolvedPython: string | undefined;

/**
 * The python3 the tests run, resolved once to the interpreter itself: a version manager's
 * shim on PATH (pyenv's) costs a start-up of its own, about 0.3 s, on every call.
 */
export function python3(): string {
  if (resolvedPython === undefined) {
    const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
    resolvedPython = found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : 'python3';
  }
  return resolvedPython;
}

const pythonsWith = new Map<string, string>();

/** A python3 that imports `modules`: the tests' own, else Debian's (where .ci/run installs Flask, Django, waitress...). */
export function pythonWith(...modules: string[]): string {
  const key = modules.join(',');
  if (!pythonsWith.has(key)) {
    const python = [python3(), '/usr/bin/python3'].find(candidate => spawnSync(candidate, ['-c', `import ${key}`]).status === 0);
    if (!python) throw new Error(`No python3 here imports ${modules.join(', ')}: install Debian's python3-<name> packages (.ci/run does)`);
    pythonsWith.set(key, python);
  }
  return pythonsWith.get(key)!;
}

/**
 * The environment the bin runs in: the tests' own, less a certificate bundle that Node would
 * parse at every start (this machine's, not a user's; the bin makes no TLS connection), and
 * with the tests' python3 first on PATH, the one the doctor's probe then runs.
 */
export function binEnvironment(): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _certificates, ...environment } = process.env;
  const python = python3();
  if (!path.isAbsolute(python)) return environment;
  return { ...environment, PATH: `${path.dirname(python)}${path.delimiter}${environment.PATH ?? ''}` };
}

/** Runs the package bin as a user's shell would, without a terminal: stdin closed, a time bound. */
export function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = binEnvironment()) {
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (result.signal !== null) throw new Error(`generator-azure-python ${args.join(' ')} did not finish in time`);
  if (result.status === 0) checkWebConfigsIn(cwd);
  return result;
}

/**
 * Runs a generator in-process, as yo would, in `folder` (a new temporary one by default).
 * yeoman-test overwrites changed files by default; with `askOnConflict`, Yeoman asks as it
 * does a user, and `answers.action` answers ("write", "skip", ...).
 */
export function runGenerator(
  name: GeneratorName,
  options: Record<string, unknown>,
  { folder, answers, args, askOnConflict }: { folder?: string; answers?: Record<string, unknown>; args?: string[]; askOnConflict?: boolean } = {},
) {
  const conflicts: Record<string, unknown> = askOnConflict ? { force: false } : {};
  let context = helpers.run(generatorPath(name), {}, conflicts as never).withOptions({ ...conflicts, ...options });
  if (folder) context = context.cd(folder);
  if (answers) context = context.withAnswers(answers);
  if (args) context = context.withArguments(args);
  return context.then(result => {
    checkWebConfigsIn(result.cwd);
    return result;
  });
}

/**
 * Every web.config below `folder` (a site a test generated) must be one IIS accepts: the
 * package bin and the in-process runs check each site they leave behind.
 */
export function checkWebConfigsIn(folder: string): void {
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && entry.name !== '.git' && entry.name !== 'node_modules') visit(full);
      else if (entry.isFile() && entry.name === 'web.config') parseWebConfig(readFileSync(full, 'utf8'));
    }
  };
  visit(folder);
}

export function readText(folder: string, file: string): string {
  return readFileSync(path.join(folder, file), 'utf8');
}

/**
 * What `folder/.yo-rc.json` keeps: the answers, and apart from them the records of the files
 * written (by path: hashes of the plan and of the text written).
 */
export function keptInYoRc(folder: string): { answers: Record<string, unknown>; files: Record<string, { planned: string; written: string }> } {
  const { files = {}, ...answers } = JSON.parse(readText(folder, '.yo-rc.json'))['generator-azure-python'] ?? {};
  return { answers, files };
}

/**
 * Parses XML with a parser of its own (xmldom's, not the package's sax-built tree): any warning
 * or error fails. The document returned is the package's tree of the same text, which the
 * package's readers take.
 */
export function parseXml(text: string): Document {
  const problems: string[] = [];
  new DOMParser({
    onError: (level, message) => {
      problems.push(`${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
  if (problems.length > 0) throw new Error(`XML not well-formed: ${problems.join('; ')}`);
  return parseXmlText(text, 'the XML').document;
}

/** Parses a web.config and checks it against IIS's schema (test/iis-schema): anything IIS refuses fails. */
export function parseWebConfig(text: string): Document {
  const document = parseXml(text.replace(/^\uFEFF/, ''));
  const problems = schemaProblems(document);
  if (problems.length > 0) throw new Error(`IIS would refuse this web.config:\n${problems.join('\n')}`);
  return document;
}

/** Every file below `folder` (but .git) with a hash of its content: equal listings, equal trees. */
export function folderListing(folder: string): Record<string, string> {
  const listing: Record<string, string> = {};
  const visit = (current: string) => {
    for (const entry of readdirSync(current)) {
      if (entry === '.git') continue;
      const full = path.join(current, entry);
      const relative = path.relative(folder, full);
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) {
        // A link is listed as a link: what it points to is not the site's.
        listing[relative] = `link to ${readlinkSync(full)}`;
      } else if (stats.isDirectory()) {
        listing[`${relative}/`] = 'folder';
        visit(full);
      } else if (!stats.isFile()) {
        // A FIFO or a device is never read: reading one waits, or never ends.
        listing[relative] = 'not a regular file';
      } else {
        listing[relative] = createHash('sha256').update(readFileSync(full)).digest('hex');
      }
    }
  };
  visit(folder);
  return listing;
}

export interface WsgiResponse {
  method: string;
  status: string;
  headers: [string, string][];
  body: string;
}

/** Runs the generated module with python3 through wsgiref.validate (see test/python/wsgi_check.py). */
export function checkWsgiModule(siteFolder: string, module: string, callable: string): WsgiResponse[] {
  const script = path.join(packageRoot, 'test', 'python', 'wsgi_check.py');
  const result = spawnSync(python3(), ['-W', 'error', script, path.join(siteFolder, module), module, callable], {
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`python3 is required to test the generated module: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`wsgiref.validate failed:\n${result.stderr}`);
  return result.stdout
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as WsgiResponse);
}

/** A git configuration of its own, so that tests never depend on the machine's. */
export function isolateGit(): void {
  const folder = temporaryFolder('git-config-');
  const config = path.join(folder, 'gitconfig');
  writeFileSync(config, '[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n');
  process.env.GIT_CONFIG_GLOBAL = config;
  process.env.GIT_CONFIG_NOSYSTEM = '1';
}

export function git(folder: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: folder, encoding: 'utf8' }).trim();
}

/**
 * Calls the site's WSGI_HANDLER once, as wfastcgi would on the server: in the site root, which
 * is first on sys.path, PYTHONPATH's entries under the site root as this folder's after it, the
 * other app settings as the environment. `given`: the handler (in wfastcgi's form) and the
 * folders HttpPlatformHandler's process serves instead.
 */
export function callThroughWfastcgi(folder: string, python: string, urlPath = '/', given: { handler?: string; paths?: string[]; https?: boolean } = {}): { status: string; body: string } {
  const site = readExistingSite(folder);
  const paths = given.paths ?? localPaths(site).filter((entry): entry is string => entry !== undefined);
  const handler = given.handler;
  const settings = Object.fromEntries(Object.entries(site.rawSettings).filter(([name]) => !['PYTHONPATH', 'WSGI_HANDLER'].includes(name.toUpperCase())));
  const script = path.join(packageRoot, 'test', 'python', 'handler_call.py');
  const request = JSON.stringify({ paths, handler: handler ?? site.settings.WSGI_HANDLER, path: urlPath, https: given.https === true });
  const result = spawnSync(python, [script, request], { cwd: folder, env: { ...process.env, ...settings }, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { status: string; body: string };
}

/** A refused run: a non-zero exit, one line naming `naming` and matching `rule`, and the folder as it was. */
export function assertRefused(folder: string, args: string[], naming: string, rule: RegExp): void {
  const before = folderListing(folder);
  const { status, stdout, stderr } = runBin(args, folder);
  assert.notEqual(status, 0, `${args.join(' ')} is refused`);
  assert.equal(stdout, '');
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${stderr}`);
  assert.ok(lines[0]!.startsWith(`generator-azure-python: ${naming}`), `names ${naming}: ${lines[0]}`);
  assert.match(lines[0]!, rule);
  assert.ok(!stderr.includes('s3cret'), 'a password is never printed');
  assert.deepEqual(folderListing(folder), before, 'the folder is byte-identical, .yo-rc.json included');
}

/** A Linux site started as App Service on Linux starts it (see startAsAppService). */
export interface StartedSite {
  readonly port: number;
  /** A GET of `urlPath` with the Host given (default: the loopback address and port), once the server answers. */
  get(urlPath: string, host?: string): Promise<{ status: number; body: string; type: string | undefined }>;
  stop(): void;
}

let nextPort = 20_000 + Math.floor(Math.random() * 20_000);

/**
 * Starts `command` (a site's startup command) as App Service on Linux does: in a shell, from the
 * site root, with PORT set to a free port and `environment` (app settings) added. Debian's
 * gunicorn runs it; stop() ends its process group.
 */
export function startAsAppService(site: string, command: string, environment: NodeJS.ProcessEnv = {}): StartedSite {
  const port = nextPort++;
  const child = spawn('/bin/sh', ['-c', command], { cwd: site, env: { ...binEnvironment(), ...environment, PORT: String(port) }, stdio: 'ignore', detached: true });
  const once = (urlPath: string, host: string) =>
    new Promise<{ status: number; body: string; type: string | undefined }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: urlPath, headers: { host } }, response => {
        let body = '';
        response.setEncoding('utf8').on('data', chunk => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body, type: response.headers['content-type'] }));
      });
      request.on('error', reject).end();
    });
  return {
    port,
    async get(urlPath, host = `127.0.0.1:${port}`) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(urlPath, host);
        } catch (error) {
          if (attempt >= 200 || child.exitCode !== null) throw new Error(`${command} did not answer on port ${port}: ${(error as Error).message}`);
          await new Promise(resolve => setTimeout(resolve, 100));
        }
      }
    },
    stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    },
  };
}
