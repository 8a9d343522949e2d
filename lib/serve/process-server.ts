import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer } from 'node:net';

/*
 * A server process the site names and serve proxies to: HttpPlatformHandler's processPath with
 * its arguments (on HTTP_PLATFORM_PORT), or App Service on Linux's startup command (on PORT).
 * Started at the first request, as HttpPlatformHandler starts it, and again after it ends.
 */

/** What to start: the program and its words (or a shell command line), where, with which environment. */
export interface ProcessSpec {
  readonly command: string;
  readonly args?: readonly string[];
  /** A command line for the shell (Linux's startup command is one). */
  readonly shell?: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** The environment variable the port is given in: HTTP_PLATFORM_PORT or PORT. */
  readonly portVariable: string;
  /** How long the process has to listen (HttpPlatformHandler's startupTimeLimit, App Service's start-up limit). */
  readonly startupSeconds: number;
}

/** A free port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class ProcessServer {
  #process: ChildProcess | undefined;
  #ready: Promise<number> | undefined;

  constructor(
    readonly spec: ProcessSpec,
    private readonly say: (line: string) => void,
  ) {}

  /** The port the process listens on, once it does; an Error when it ended or never listened in time. */
  #start(): Promise<number> {
    this.#ready ??= (async () => {
      const port = await freePort();
      const { command, args = [], shell = false, cwd, env, portVariable, startupSeconds } = this.spec;
      // A group of its own: a shell's command (gunicorn and its workers) ends with it.
      // HttpPlatformHandler fills %HTTP_PLATFORM_PORT% in the variables it sets, too.
      const variables = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value.replace(/%HTTP_PLATFORM_PORT%/gi, String(port))]));
      const started = spawn(command, [...args], { cwd, env: { ...process.env, ...variables, [portVariable]: String(port) }, shell, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      this.#process = started;
      let ended = false;
      let failed: Error | undefined;
      const forward = (data: Buffer) => this.say(`process: ${data.toString('utf8').trimEnd()}`);
      started.stdout?.on('data', forward);
      started.stderr?.on('data', forward);
      started.on('error', error => (failed = error));
      started.on('exit', code => {
        ended = true;
        this.say(`process: ended (exit code ${code ?? 'none'}); the next request starts it again`);
        if (this.#process === started) {
          this.#process = undefined;
          this.#ready = undefined;
        }
      });
      const deadline = Date.now() + startupSeconds * 1000;
      while (Date.now() < deadline) {
        if (failed) throw failed;
        if (ended) throw new Error(`the process ended before it listened on ${portVariable} (${port})`);
        if (await listening(port)) return port;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      endGroup(started);
      throw new Error(`the process did not listen on ${portVariable} (${port}) within ${startupSeconds} s`);
    })();
    const ready = this.#ready;
    ready.catch(() => {
      if (this.#ready === ready) this.#ready = undefined;
    });
    return ready;
  }

  /** Passes the request on to the process as HttpPlatformHandler (or App Service's front end) does, and its answer back; the status, or an Error. */
  async forward(request: IncomingMessage, body: Buffer, response: ServerResponse, headers: Record<string, string>): Promise<number | Error> {
    let port: number;
    try {
      port = await this.#start();
    } catch (error) {
      return error as Error;
    }
    return new Promise(resolve => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, method: request.method, path: request.url, headers }, answer => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(response);
        answer.on('end', () => resolve(answer.statusCode ?? 502));
      });
      outgoing.on('error', error => resolve(error));
      outgoing.end(body);
    });
  }

  close(): void {
    if (this.#process) endGroup(this.#process);
    this.#process = undefined;
  }
}

function endGroup(started: ChildProcess): void {
  try {
    if (started.pid !== undefined) process.kill(-started.pid, 'SIGTERM');
  } catch {
    started.kill();
  }
}
