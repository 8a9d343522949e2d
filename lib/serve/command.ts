import { spawnSync } from 'node:child_process';
import { serveSite, type ServedSite } from './serve.js';

/** serve's options as the bin and yo take them, in words. */
export interface ServeCommandOptions {
  readonly port?: string | number;
  readonly hostHeader?: string;
  readonly python?: string;
}

/** The port asked for, checked: one line naming the option when it is not one. */
export function portOption(value: string | number | undefined): number {
  if (value === undefined) return 8000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || String(value).trim() === '') throw new Error(`--port: a port number from 0 to 65535, not ${JSON.stringify(String(value))}`);
  return port;
}

/** The local Python's version, or one line naming the option when it cannot be run. */
function pythonVersion(python: string): string {
  const run = spawnSync(python, ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`--python: ${python} cannot be run (${run.error?.message ?? run.stderr.trim().split('\n').at(-1) ?? `exit code ${run.status}`}); name a Python 3 of this machine`);
  return run.stdout.trim();
}

/**
 * Starts serving `folder` and says what runs, before any of the site's code does; Ctrl-C (or
 * SIGTERM) stops the server and what it started.
 */
export async function startServing(folder: string, options: ServeCommandOptions, say: (line: string) => void = line => process.stderr.write(`${line}\n`)): Promise<ServedSite> {
  const port = portOption(options.port);
  const python = options.python ?? 'python3';
  const version = pythonVersion(python);
  const served = await serveSite(folder, { port, hostHeader: options.hostHeader, python, say });
  say(`Serving ${folder} at ${served.url} (Python ${version})`);
  say(`It runs your code: ${served.runs}`);
  say('Each request is printed with what decided it. Ctrl-C stops.');
  // While the server runs, a signal stops it: the run's other handlers (a cancelled run's line) do not apply.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      void served.close().then(() => {
        say('Stopped.');
        process.exit(0);
      });
    });
  }
  return served;
}
