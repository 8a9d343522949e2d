import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../engine/package-root.js';
import { RecordReader, requestRecords, type FastCgiAnswer } from './fastcgi.js';

/** What the worker serves: the site's WSGI_HANDLER, with its app settings and PYTHONPATH as they are on this machine. */
export interface WorkerConfig {
  readonly python: string;
  readonly site: string;
  readonly handler: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly pythonPath: readonly string[];
}

/** wfastcgi's default WSGI_RESTART_FILE_REGEX: a change to a .py or .config file restarts the worker. */
export const defaultRestartPattern = '.*((\\.py)|(\\.config))$';

/**
 * The site's FastCGI worker (python/fastcgi_worker.py), as IIS's FastCGI module keeps wfastcgi:
 * started at the first request, kept across requests, one request at a time, and started again
 * at the next request once it has ended: after an error at start-up, or when a file of the site
 * that WSGI_RESTART_FILE_REGEX matches changes (wfastcgi's file watcher).
 */
export class FastCgiWorker {
  #process: ChildProcessWithoutNullStreams | undefined;
  #waiting: ((answer: FastCgiAnswer | Error) => void) | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #watcher: FSWatcher | undefined;
  #nextId = 1;

  constructor(
    readonly config: WorkerConfig,
    private readonly say: (line: string) => void,
  ) {
    const setting = config.settings.WSGI_RESTART_FILE_REGEX;
    const pattern = setting ?? defaultRestartPattern;
    // An empty WSGI_RESTART_FILE_REGEX turns the watcher off, as it does wfastcgi's.
    if (pattern === '') return;
    // Python's re.match: anchored at the start. The file name is the site's relative one, with IIS's backslashes.
    const restart = new RegExp(`^(?:${pattern})`);
    this.#watcher = watch(config.site, { recursive: true }, (_event, file) => {
      if (file === null || file.split(path.sep)[0] === '.git') return;
      const windowsName = String(file).split(path.sep).join('\\');
      if (this.#process && restart.test(windowsName)) {
        this.say(`restart: ${windowsName} changed, which WSGI_RESTART_FILE_REGEX ${pattern} matches`);
        this.stop();
      }
    });
  }

  /** Hands one request to the worker, after the ones before it: its stdout and stderr, or an Error when the worker ended first. */
  request(params: Readonly<Record<string, string>>, body: Buffer): Promise<FastCgiAnswer | Error> {
    const next = this.#queue.then(() => this.#send(params, body));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #send(params: Readonly<Record<string, string>>, body: Buffer): Promise<FastCgiAnswer | Error> {
    const fresh = this.#process === undefined;
    const answer = await this.#sendOnce(params, body);
    // A worker that ended after its last answer (wfastcgi ends at an error of its start-up) takes
    // no more requests: IIS gives the next one to a new process.
    return answer instanceof Error && !fresh ? this.#sendOnce(params, body) : answer;
  }

  #sendOnce(params: Readonly<Record<string, string>>, body: Buffer): Promise<FastCgiAnswer | Error> {
    const worker = this.#process ?? this.#start();
    return new Promise(resolve => {
      this.#waiting = resolve;
      worker.stdin.write(requestRecords(this.#nextId, params, body));
      this.#nextId = (this.#nextId % 0xffff) + 1;
    });
  }

  #start(): ChildProcessWithoutNullStreams {
    const { python, site, handler, settings, pythonPath } = this.config;
    const script = path.join(packageRoot, 'python', 'fastcgi_worker.py');
    const worker = spawn(python, [script, JSON.stringify({ handler, settings, pythonPath })], { cwd: site, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#process = worker;
    const reader = new RecordReader(answer => this.#answer(answer));
    worker.stdout.on('data', (data: Buffer) => reader.push(data));
    // What the worker writes outside a request (Python's own warnings): the user's to see.
    worker.stderr.on('data', (data: Buffer) => this.say(`worker: ${data.toString('utf8').trimEnd()}`));
    worker.stdin.on('error', () => undefined);
    worker.on('error', error => this.#answer(error));
    worker.on('close', () => {
      if (this.#process === worker) this.#process = undefined;
      this.#answer(new Error('The FastCGI process exited unexpectedly'));
    });
    return worker;
  }

  #answer(answer: FastCgiAnswer | Error): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(answer);
  }

  /** Ends the worker; the next request starts another. */
  stop(): void {
    const worker = this.#process;
    this.#process = undefined;
    worker?.kill();
  }

  close(): void {
    this.#watcher?.close();
    this.stop();
  }
}
